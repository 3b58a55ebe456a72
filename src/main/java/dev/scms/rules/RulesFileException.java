package dev.scms.rules;

import java.io.IOException;

/** A rules file that sync must not change: foreign content, broken markers or a path out of the project. */
public final class RulesFileException extends IOException {

    public RulesFileException(String message) {
        super(message);
    }
}

package dev.scms.core;

import dev.scms.config.EchoedText;

/**
 * A request argument has a value the use case cannot work with. The message names the argument,
 * or the element of a list argument such as {@code tags[3]}, escaped and cut as {@link EchoedText#quote} does.
 */
public final class InvalidInputException extends IllegalArgumentException {

    private final String argument;
    private final String problem;

    public InvalidInputException(String argument, String problem) {
        super("invalid argument " + EchoedText.quote(argument) + ": " + problem);
        this.argument = argument;
        this.problem = problem;
    }

    /** Returns the message without the argument's name, for a caller that names arguments its own way. */
    public String problem() {
        return problem;
    }

    public String argument() {
        return argument;
    }
}

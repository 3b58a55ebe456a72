package dev.scms.model;

import java.util.Locale;
import java.util.Optional;

/** The outcome an assistant reports when it applied a memory. */
public enum Outcome {
    HELPFUL,
    NOT_HELPFUL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code helpful} or {@code not_helpful}, ignoring case; hyphens count as underscores. */
    public static Optional<Outcome> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String normalised = text.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        for (Outcome outcome : values()) {
            if (outcome.name().equals(normalised)) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }
}

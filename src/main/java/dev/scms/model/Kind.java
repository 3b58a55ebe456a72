package dev.scms.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kind of lesson a memory records. Its wire name is the lower-case constant name. */
public enum Kind {
    PATTERN,
    RULE,
    BUG_PATTERN,
    ANTI_PATTERN,
    FAILED_APPROACH,
    EDGE_CASE;

    /** Returns the name used in tool arguments, files and the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns true for the kinds that record a failure and come back as warnings. */
    public boolean isFailure() {
        return this == BUG_PATTERN || this == ANTI_PATTERN || this == FAILED_APPROACH || this == EDGE_CASE;
    }

    /** Parses a wire name, ignoring case, surrounding blanks and hyphens used for underscores. */
    public static Optional<Kind> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String normalised = text.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.name().equals(normalised)).findFirst();
    }

    /** Returns the wire names of the given kinds, comma separated, for messages. */
    public static String wireNames(Kind... kinds) {
        return Arrays.stream(kinds).map(Kind::wireName).collect(Collectors.joining(", "));
    }
}

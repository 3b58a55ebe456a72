package dev.scms.model;

import java.util.Locale;

/** Lifecycle of a memory: archived memories are kept but never retrieved. */
public enum Status {
    ACTIVE,
    ARCHIVED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status fromWireName(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}

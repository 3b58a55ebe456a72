package dev.scms.model;

import java.util.Locale;
import java.util.Optional;

/** The layer of a memory: L0 contains patterns found by ranked retrieval, L1 the rules loaded for their project. */
public enum Layer {
    L0,
    L1;

    /** Parses {@code L0} or {@code L1}, ignoring case and surrounding blanks. */
    public static Optional<Layer> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String normalised = text.strip().toUpperCase(Locale.ROOT);
        return normalised.equals("L0") ? Optional.of(L0) : normalised.equals("L1") ? Optional.of(L1) : Optional.empty();
    }
}

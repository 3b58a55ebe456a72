package dev.scms.core;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A text after {@link SecretRedactor} ran on it, with how many secrets of each kind it
 * replaced, sorted by kind. The counts never hold a secret's value.
 */
public record Redaction(String text, Map<String, Integer> counts) {

    public Redaction {
        Objects.requireNonNull(text, "text");
        counts = Collections.unmodifiableMap(new TreeMap<>(counts));
    }

    /** Returns the counts of both redactions added up by kind. */
    static Map<String, Integer> merge(Map<String, Integer> first, Map<String, Integer> second) {
        Map<String, Integer> merged = new TreeMap<>(first);
        second.forEach((kind, count) -> merged.merge(kind, count, Integer::sum));
        return Collections.unmodifiableMap(merged);
    }
}

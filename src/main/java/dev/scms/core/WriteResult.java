package dev.scms.core;

import dev.scms.model.Memory;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a write: {@code status} is {@code stored}, {@code duplicate} (an identical
 * memory exists) or {@code rediscovered} (a logged failure was already known); {@code memory}
 * is the stored memory or the existing one. {@code redacted} counts the secrets replaced in the
 * request's text before storage, by kind; it is empty when none were found.
 */
public record WriteResult(Memory memory, String status, Map<String, Integer> redacted) {

    public static final String STORED = "stored";
    public static final String DUPLICATE = "duplicate";
    public static final String REDISCOVERED = "rediscovered";

    public WriteResult {
        redacted = Collections.unmodifiableMap(new TreeMap<>(redacted));
    }

    /** Creates the result of a write that redacted nothing. */
    public WriteResult(Memory memory, String status) {
        this(memory, status, Map.of());
    }
}

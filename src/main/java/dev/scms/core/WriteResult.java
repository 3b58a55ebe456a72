package dev.scms.core;

import dev.scms.model.Memory;

/**
 * The outcome of a write: {@code status} is {@code stored}, {@code duplicate} (an identical
 * memory exists) or {@code rediscovered} (a logged failure was already known); {@code memory}
 * is the stored memory or the existing one.
 */
public record WriteResult(Memory memory, String status) {

    public static final String STORED = "stored";
    public static final String DUPLICATE = "duplicate";
    public static final String REDISCOVERED = "rediscovered";
}

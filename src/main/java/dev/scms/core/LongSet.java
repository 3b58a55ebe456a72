package dev.scms.core;

import java.util.Arrays;
import java.util.Collection;

/**
 * A fixed set of non-negative longs in an open-addressing table. A membership test neither boxes its
 * argument nor follows a pointer, and the candidate filter runs one per memory in scope.
 */
final class LongSet {

    private static final long FREE = -1;

    private final long[] slots;
    private final int mask;

    private LongSet(long[] slots) {
        this.slots = slots;
        this.mask = slots.length - 1;
    }

    /** Returns a set of {@code values}, each at least 0. */
    static LongSet of(Collection<Long> values) {
        int capacity = Integer.highestOneBit(Math.max(8, values.size() * 2 - 1)) << 1;
        long[] slots = new long[capacity];
        Arrays.fill(slots, FREE);
        int mask = capacity - 1;
        for (long value : values) {
            if (value < 0) {
                throw new IllegalArgumentException("values must be at least 0, got " + value);
            }
            int i = slot(value, mask);
            while (slots[i] != FREE && slots[i] != value) {
                i = (i + 1) & mask;
            }
            slots[i] = value;
        }
        return new LongSet(slots);
    }

    boolean contains(long value) {
        if (value < 0) {
            return false;
        }
        for (int i = slot(value, mask); ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == value) {
                return true;
            }
            if (slot == FREE) {
                return false;
            }
        }
    }

    private static int slot(long value, int mask) {
        long mixed = value * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 32)) & mask;
    }
}

package dev.scms.store.sqlite;

import java.util.Arrays;

/**
 * An open-addressing map from non-negative long keys to int values, without boxing: the
 * full-text index keeps one entry per distinct pair of adjacent tokens, about 300,000 at 10,000
 * memories.
 */
final class LongIntMap {

    private static final long FREE = -1;

    private long[] keys;
    private int[] values;
    private int size;

    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        Arrays.fill(keys, FREE);
        values = new int[capacity];
    }

    /** Returns the value of the key, or -1 when it has none. */
    int get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
            if (keys[i] == FREE) {
                return -1;
            }
        }
    }

    /** Returns the value of the key, storing {@code value} first when the key has none. */
    int putIfAbsent(long key, int value) {
        if (key < 0) {
            throw new IllegalArgumentException("key must not be negative, got " + key);
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        for (; keys[i] != FREE; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
        return value;
    }

    int size() {
        return size;
    }

    /** Bytes held by the two arrays. */
    long bytes() {
        return keys.length * 12L;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, FREE);
        values = new int[oldValues.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != FREE) {
                int i = slot(oldKeys[j], mask);
                while (keys[i] != FREE) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private static int slot(long key, int mask) {
        long mixed = key * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32) & mask;
    }
}

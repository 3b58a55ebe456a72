package dev.scms.mcp;

/** The last bytes of a stream, kept in a ring of fixed size, such as the end of an oversized line. */
final class TailBytes {

    private final byte[] ring;
    private int start;
    private int size;

    TailBytes(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.ring = new byte[capacity];
    }

    void add(int value) {
        if (size < ring.length) {
            ring[(start + size) % ring.length] = (byte) value;
            size++;
        } else {
            ring[start] = (byte) value;
            start = (start + 1) % ring.length;
        }
    }

    void clear() {
        start = 0;
        size = 0;
    }

    /** Returns the kept bytes, oldest first. */
    byte[] toByteArray() {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = ring[(start + i) % ring.length];
        }
        return bytes;
    }
}

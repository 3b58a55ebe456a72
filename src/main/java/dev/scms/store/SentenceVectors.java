package dev.scms.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The unit-length sentence vectors of one memory, kept as 8-bit codes with one scale per vector:
 * a quarter of the memory of 32-bit floats, so 100,000 memories with their sentences fit in the
 * heap of one server.
 *
 * <p>Each component is rounded to the nearest of 255 steps between minus and plus the largest
 * magnitude of its vector. For all-MiniLM-L6-v2 vectors a step is about 0.002, and a cosine
 * computed from the codes differs from the exact one by less than 0.002, far below the gaps
 * between the relevance gates and the scores they separate.
 *
 * <p>{@link #pack} copies the vectors of many memories into one array, in order, and returns
 * views into it, so a scan over the memories reads memory front to back.
 */
public final class SentenceVectors {

    private static final SentenceVectors NONE = new SentenceVectors(0, new byte[0], new float[0], 0, 0);
    private static final int STEPS = 127;

    private final int dimension;
    private final byte[] codes;
    private final float[] scales;
    /** Index of this set's first vector in {@link #scales}, and of its first code divided by the dimension. */
    private final int first;
    private final int count;

    private SentenceVectors(int dimension, byte[] codes, float[] scales, int first, int count) {
        this.dimension = dimension;
        this.codes = codes;
        this.scales = scales;
        this.first = first;
        this.count = count;
    }

    /** Returns the empty set, for a memory whose sentence vectors are not computed. */
    public static SentenceVectors none() {
        return NONE;
    }

    /**
     * Encodes the vectors, which must all have the same length.
     *
     * @throws IllegalArgumentException if the lengths differ or a component is not finite
     */
    public static SentenceVectors of(List<float[]> vectors) {
        if (vectors.isEmpty()) {
            return NONE;
        }
        int dimension = vectors.get(0).length;
        byte[] codes = new byte[vectors.size() * dimension];
        float[] scales = new float[vectors.size()];
        for (int v = 0; v < vectors.size(); v++) {
            float[] vector = vectors.get(v);
            if (vector.length != dimension) {
                throw new IllegalArgumentException("sentence vector " + v + " has " + vector.length
                        + " dimensions, expected " + dimension);
            }
            float largest = 0f;
            for (float value : vector) {
                if (!Float.isFinite(value)) {
                    throw new IllegalArgumentException("sentence vector " + v + " contains a non-finite value: " + value);
                }
                largest = Math.max(largest, Math.abs(value));
            }
            float scale = largest == 0f ? 0f : largest / STEPS;
            scales[v] = scale;
            int offset = v * dimension;
            for (int i = 0; i < dimension; i++) {
                codes[offset + i] = scale == 0f ? 0 : (byte) Math.round(vector[i] / scale);
            }
        }
        return new SentenceVectors(dimension, codes, scales, 0, scales.length);
    }

    /**
     * Returns sets equal to {@code sets}, in the same order, whose vectors lie one after the other
     * in one shared array. Sets of another dimension than the first non-empty one stay as they are.
     */
    public static List<SentenceVectors> pack(List<SentenceVectors> sets) {
        int dimension = 0;
        int total = 0;
        for (SentenceVectors set : sets) {
            if (!set.isEmpty() && dimension == 0) {
                dimension = set.dimension;
            }
            if (!set.isEmpty() && set.dimension == dimension) {
                total += set.count;
            }
        }
        byte[] codes = new byte[Math.multiplyExact(total, dimension)];
        float[] scales = new float[total];
        List<SentenceVectors> packed = new ArrayList<>(sets.size());
        int next = 0;
        for (SentenceVectors set : sets) {
            if (set.isEmpty() || set.dimension != dimension) {
                packed.add(set);
                continue;
            }
            System.arraycopy(set.codes, set.first * dimension, codes, next * dimension, set.count * dimension);
            System.arraycopy(set.scales, set.first, scales, next, set.count);
            packed.add(new SentenceVectors(dimension, codes, scales, next, set.count));
            next += set.count;
        }
        return packed;
    }

    /**
     * Returns a view of {@code count} vectors from vector {@code first} of {@code codes} and
     * {@code scales}, which the caller must not change afterwards.
     */
    static SentenceVectors view(int dimension, byte[] codes, float[] scales, int first, int count) {
        if (dimension <= 0 || first < 0 || count < 0 || first + count > scales.length
                || (long) (first + count) * dimension > codes.length) {
            throw new IllegalArgumentException("vectors " + first + " to " + (first + count) + " of dimension "
                    + dimension + " lie outside the arrays");
        }
        return count == 0 ? NONE : new SentenceVectors(dimension, codes, scales, first, count);
    }

    /** Writes the scales of the vectors, in order. */
    void writeScales(SavedVectors.LittleEndianOutput out) throws java.io.IOException {
        out.writeFloats(scales, first, count);
    }

    /** Writes the codes of the vectors, in order. */
    void writeCodes(SavedVectors.LittleEndianOutput out) throws java.io.IOException {
        out.writeBytes(codes, first * dimension, count * dimension);
    }

    byte[] codes() {
        return codes;
    }

    float[] scales() {
        return scales;
    }

    /** Returns the index of this set's first vector in {@link #scales()}. */
    int first() {
        return first;
    }

    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public int dimension() {
        return dimension;
    }

    /** Returns vector {@code index} decoded to floats. */
    public float[] get(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("sentence vector " + index + " of " + count);
        }
        float[] vector = new float[dimension];
        int offset = (first + index) * dimension;
        for (int i = 0; i < dimension; i++) {
            vector[i] = codes[offset + i] * scales[first + index];
        }
        return vector;
    }

    /**
     * Returns the largest dot product of {@code query} with one of the vectors, which is the best
     * cosine for a unit-length query; -1 when there is no vector or the dimensions differ.
     */
    public double bestDot(float[] query) {
        if (query.length != dimension) {
            return -1.0;
        }
        double best = -1.0;
        for (int v = first; v < first + count; v++) {
            best = Math.max(best, DotProducts.dot(query, codes, v * dimension) * scales[v]);
        }
        return best;
    }
}

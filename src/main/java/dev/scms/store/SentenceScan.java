package dev.scms.store;

import dev.scms.store.VectorCache.CachedMemory;
import java.util.List;

/**
 * Layout of a list of cached memories for the vector scan: their ids and the positions of their
 * sentence vectors in the packed arrays, in primitive arrays in list order. A scan that reads it
 * follows no pointer per memory, and it computes each cosine as {@link SentenceVectors#bestDot} does.
 */
public final class SentenceScan {

    private final long[] ids;
    private final int[] first;
    private final int[] count;
    private final byte[] codes;
    private final float[] scales;
    private final int dimension;

    private SentenceScan(long[] ids, int[] first, int[] count, byte[] codes, float[] scales, int dimension) {
        this.ids = ids;
        this.first = first;
        this.count = count;
        this.codes = codes;
        this.scales = scales;
        this.dimension = dimension;
    }

    /**
     * Returns the layout of {@code memories}. A memory takes part in the scan when it has a vector and
     * sentence vectors in the packed arrays that the first such memory uses; {@link #scanned} is false
     * for the others, whose cosine the caller computes from their objects.
     */
    public static SentenceScan of(List<CachedMemory> memories) {
        int size = memories.size();
        long[] ids = new long[size];
        int[] first = new int[size];
        int[] count = new int[size];
        byte[] codes = null;
        float[] scales = null;
        int dimension = 0;
        for (int i = 0; i < size; i++) {
            CachedMemory cached = memories.get(i);
            ids[i] = cached.memory().id();
            SentenceVectors sentences = cached.sentences();
            if (cached.vector().isEmpty() || sentences.isEmpty()) {
                continue;
            }
            if (codes == null) {
                codes = sentences.codes();
                scales = sentences.scales();
                dimension = sentences.dimension();
            }
            if (sentences.codes() == codes && sentences.scales() == scales) {
                first[i] = sentences.first();
                count[i] = sentences.size();
            }
        }
        return new SentenceScan(ids, first, count, codes, scales, dimension);
    }

    public int size() {
        return ids.length;
    }

    /** Returns the id of the memory at {@code position}. */
    public long id(int position) {
        return ids[position];
    }

    /** Returns true when {@link #bestDot} can compute the cosine of the memory at {@code position}. */
    public boolean scanned(int position, float[] query) {
        return count[position] > 0 && query.length == dimension;
    }

    /**
     * Returns the largest dot product of {@code query} with a sentence vector of the memory at
     * {@code position}, which {@link #scanned} must allow.
     */
    public double bestDot(int position, float[] query) {
        double best = -1.0;
        int end = first[position] + count[position];
        for (int v = first[position]; v < end; v++) {
            best = Math.max(best, DotProducts.dot(query, codes, v * dimension) * scales[v]);
        }
        return best;
    }
}

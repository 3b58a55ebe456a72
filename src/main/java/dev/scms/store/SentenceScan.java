package dev.scms.store;

import dev.scms.store.VectorCache.CachedMemory;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Layout of a list of cached memories for the vector scan: their ids and the positions of their
 * sentence vectors in the packed arrays, in primitive arrays in list order. A scan that reads it
 * follows no pointer per memory, and it computes each cosine as {@link SentenceVectors#bestDot} does.
 */
public final class SentenceScan {

    /**
     * Number of memories from which a helper thread scans part of them. At 10,000 memories a helper
     * saved 0.2 of 1 ms, too little for the risk of waiting for a helper preempted within a piece.
     */
    static final int PARALLEL_MIN = 20_000;
    /** Memories per piece of work that the calling thread and the helper take in turn. */
    private static final int CHUNK = 2_048;

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
     * Returns {@link #bestDot} of every position that {@link #scanned} allows, and 0 for the others.
     * From {@link #PARALLEL_MIN} memories on, a helper thread takes pieces of the scan while the
     * calling thread takes the rest. The calling thread takes every piece left, so it waits only for
     * a piece the helper has started.
     */
    public double[] bestDots(float[] query) {
        double[] best = new double[ids.length];
        int chunks = (ids.length + CHUNK - 1) / CHUNK;
        if (chunks == 0 || query.length != dimension) {
            return best;
        }

        AtomicInteger next = new AtomicInteger();
        CountDownLatch scanned = new CountDownLatch(chunks);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable work = () -> {
            for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
                try {
                    scanChunk(chunk, query, best);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    scanned.countDown();
                }
            }
        };

        ExecutorService helper = Helper.THREAD;
        if (helper != null && ids.length >= PARALLEL_MIN) {
            helper.execute(work);
        }
        work.run();

        try {
            scanned.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the vector scan", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return best;
    }

    private void scanChunk(int chunk, float[] query, double[] best) {
        int end = Math.min(ids.length, (chunk + 1) * CHUNK);
        for (int position = chunk * CHUNK; position < end; position++) {
            if (count[position] > 0) {
                best[position] = bestDot(position, query);
            }
        }
    }

    /** The helper thread, created on first use, or null on a single processor. */
    private static final class Helper {

        static final ExecutorService THREAD = Runtime.getRuntime().availableProcessors() < 2 ? null
                : Executors.newSingleThreadExecutor(task -> {
                    Thread thread = new Thread(task, "scms-vector-scan");
                    thread.setDaemon(true);
                    return thread;
                });
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

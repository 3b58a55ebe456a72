package dev.scms.eval;

import dev.scms.embed.Embedder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers every vector it computed in batches, so that replaying one dataset under several
 * presets embeds each distinct memory text once. A batch goes to the model as one batch of
 * the texts not seen yet. It also counts those texts and the time the model took on them.
 */
final class MemoEmbedder implements Embedder {

    private final Embedder delegate;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
    private final AtomicLong modelNanos = new AtomicLong();

    MemoEmbedder(Embedder delegate) {
        this.delegate = delegate;
    }

    /**
     * Embeds one text with the model, uncached. Retrievals embed their query this way, so the
     * retrieval time of every preset includes embedding the query, as it does in the server.
     */
    @Override
    public float[] embed(String text) {
        return delegate.embed(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(texts.stream().filter(text -> !vectors
                .containsKey(text)).toList()));
        if (!missing.isEmpty()) {
            long start = System.nanoTime();
            List<float[]> computed = delegate.embedAll(missing);
            modelNanos.addAndGet(System.nanoTime() - start);
            for (int i = 0; i < missing.size(); i++) {
                vectors.put(missing.get(i), computed.get(i));
            }
        }
        List<float[]> result = new ArrayList<>(texts.size());
        for (String text : texts) {
            result.add(vectors.get(text).clone());
        }
        return result;
    }

    /** Returns how many distinct texts the model has embedded in batches. */
    int distinctTexts() {
        return vectors.size();
    }

    /** Returns the time the model spent on batches, in seconds. */
    double modelSeconds() {
        return modelNanos.get() / 1e9;
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public void close() {
        delegate.close();
    }
}

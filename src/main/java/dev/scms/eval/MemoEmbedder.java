package dev.scms.eval;

import dev.scms.embed.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers every vector it computed, so that replaying one dataset under several presets embeds each text once. */
final class MemoEmbedder implements Embedder {

    private final Embedder delegate;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

    MemoEmbedder(Embedder delegate) {
        this.delegate = delegate;
    }

    @Override
    public float[] embed(String text) {
        return vectors.computeIfAbsent(text, delegate::embed).clone();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> result = new ArrayList<>(texts.size());
        for (String text : texts) {
            result.add(embed(text));
        }
        return result;
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

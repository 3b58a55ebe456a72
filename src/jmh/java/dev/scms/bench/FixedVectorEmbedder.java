package dev.scms.bench;

import dev.scms.embed.Embedder;
import java.util.ArrayList;
import java.util.List;

/**
 * An embedder that returns one precomputed vector for every text, so that a retrieval benchmark
 * measures everything but the model.
 */
final class FixedVectorEmbedder implements Embedder {

    private final float[] vector;
    private final String modelId;

    FixedVectorEmbedder(float[] vector, String modelId) {
        this.vector = vector.clone();
        this.modelId = modelId;
    }

    @Override
    public float[] embed(String text) {
        return vector.clone();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            vectors.add(vector.clone());
        }
        return vectors;
    }

    @Override
    public int dimension() {
        return vector.length;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}

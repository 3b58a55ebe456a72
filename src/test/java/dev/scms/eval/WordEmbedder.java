package dev.scms.eval;

import dev.scms.embed.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deterministic stand-in for the sentence model: each lower-case word adds 1 to one of 1024
 * hashed buckets and the vector is normalised, so the cosine of two texts grows with the words
 * they share. Counts the texts it embedded.
 */
final class WordEmbedder implements Embedder {

    private static final int DIMENSION = 1024;

    final AtomicInteger embedded = new AtomicInteger();

    @Override
    public float[] embed(String text) {
        embedded.incrementAndGet();
        float[] vector = new float[DIMENSION];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                vector[Math.floorMod(word.hashCode() * 0x9E3779B1, DIMENSION)] += 1.0f;
            }
        }
        double norm = 0.0;
        for (float value : vector) {
            norm += value * value;
        }
        if (norm > 0.0) {
            float scale = (float) (1.0 / Math.sqrt(norm));
            for (int i = 0; i < vector.length; i++) {
                vector[i] *= scale;
            }
        }
        return vector;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            vectors.add(embed(text));
        }
        return vectors;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public String modelId() {
        return "word-hash-test";
    }

    @Override
    public void close() {
    }
}

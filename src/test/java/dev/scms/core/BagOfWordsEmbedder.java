package dev.scms.core;

import dev.scms.embed.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Deterministic stand-in for the sentence model: hashes each lower-case word into one of
 * {@link #DIMENSION} buckets and normalises the counts, so texts sharing most words get a
 * cosine close to 1 and texts sharing no word get a cosine close to 0.
 */
final class BagOfWordsEmbedder implements Embedder {

    static final int DIMENSION = 4096;

    @Override
    public float[] embed(String text) {
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
        return "bag-of-words-test";
    }

    @Override
    public void close() {
    }
}

package dev.scms.core;

import dev.scms.embed.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deterministic stand-in for the sentence model: hashes each lower-case word into one of
 * {@link #DIMENSION} buckets and normalises the counts, so texts sharing most words get a
 * cosine close to 1 and texts sharing no word get a cosine close to 0. Counts the texts it embedded.
 */
public final class BagOfWordsEmbedder implements Embedder {

    static final int DIMENSION = 4096;

    /** Texts embedded so far. */
    public final AtomicInteger embedded = new AtomicInteger();

    private final int dimension;
    private final String modelId;

    public BagOfWordsEmbedder() {
        this(DIMENSION, "bag-of-words-test");
    }

    /** Creates an embedder with another number of buckets, under another model id. */
    public BagOfWordsEmbedder(int dimension, String modelId) {
        this.dimension = dimension;
        this.modelId = modelId;
    }

    @Override
    public float[] embed(String text) {
        embedded.incrementAndGet();
        float[] vector = new float[dimension];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                vector[Math.floorMod(word.hashCode() * 0x9E3779B1, dimension)] += 1.0f;
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
        return dimension;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public void close() {
    }
}

package dev.scms.store;

import java.util.List;
import java.util.Objects;

/**
 * The vectors of one memory from one model: {@code vector} embeds title and body together, and
 * {@code sentences} contains one vector for the title and one per sentence of the body, empty when
 * they were not computed.
 */
public record StoredEmbedding(String modelId, float[] vector, List<float[]> sentences) {

    public StoredEmbedding {
        Objects.requireNonNull(modelId, "modelId");
        if (vector == null || vector.length == 0) {
            throw new IllegalArgumentException("vector must not be empty");
        }
        sentences = List.copyOf(sentences);
        for (float[] sentence : sentences) {
            if (sentence.length != vector.length) {
                throw new IllegalArgumentException("a sentence vector has " + sentence.length
                        + " dimensions, the memory vector " + vector.length);
            }
        }
    }

    /** Creates an embedding without sentence vectors. */
    public StoredEmbedding(String modelId, float[] vector) {
        this(modelId, vector, List.of());
    }

    public int dimension() {
        return vector.length;
    }
}

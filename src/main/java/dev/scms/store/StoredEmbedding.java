package dev.scms.store;

import java.util.Objects;

/** A unit-length vector with the model that produced it. */
public record StoredEmbedding(String modelId, float[] vector) {

    public StoredEmbedding {
        Objects.requireNonNull(modelId, "modelId");
        if (vector == null || vector.length == 0) {
            throw new IllegalArgumentException("vector must not be empty");
        }
    }

    public int dimension() {
        return vector.length;
    }
}

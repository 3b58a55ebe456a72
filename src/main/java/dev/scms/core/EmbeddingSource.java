package dev.scms.core;

import dev.scms.embed.Embedder;
import java.time.Duration;
import java.util.Optional;

/** The embedding model as the use cases see it: it may still be loading, or have failed to load. */
public interface EmbeddingSource {

    /** Returns the model once it is ready, waiting at most {@code maxWait}; empty if not ready by then. */
    Optional<Embedder> await(Duration maxWait);

    /** Returns the id stored with vectors of this model, known before the model has loaded. */
    String modelId();

    /** Returns a sentence on the model's state: loading, ready (with load time) or failed (with the cause). */
    String status();

    /** Returns a source whose model never loads, for lexical-only stores and tests. */
    static EmbeddingSource none(String modelId, String reason) {
        return new EmbeddingSource() {
            @Override
            public Optional<Embedder> await(Duration maxWait) {
                return Optional.empty();
            }

            @Override
            public String modelId() {
                return modelId;
            }

            @Override
            public String status() {
                return reason;
            }
        };
    }

    /** Returns a source whose model is already loaded. */
    static EmbeddingSource ready(Embedder embedder) {
        return new EmbeddingSource() {
            @Override
            public Optional<Embedder> await(Duration maxWait) {
                return Optional.of(embedder);
            }

            @Override
            public String modelId() {
                return embedder.modelId();
            }

            @Override
            public String status() {
                return "model " + embedder.modelId() + " ready";
            }
        };
    }
}

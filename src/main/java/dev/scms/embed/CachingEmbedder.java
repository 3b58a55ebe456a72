package dev.scms.embed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Embedder decorator that keeps the vectors of recently embedded texts in a least-recently-used
 * cache, so a repeated query skips the model. Thread-safe.
 *
 * <p>Only {@link #embed(String)} uses the cache: {@link #embedAll(List)} embeds stored memories
 * in bulk, and those texts would push the queries out.
 */
public final class CachingEmbedder implements Embedder {

    /** Default number of cached vectors; 256 vectors of 384 floats take about 400 KB. */
    public static final int DEFAULT_CAPACITY = 256;

    /** Texts longer than this many characters are not cached, so a few huge texts cannot fill memory. */
    static final int MAX_CACHED_TEXT_LENGTH = 2_000;

    private final Embedder delegate;
    private final Map<String, float[]> vectors;

    private CachingEmbedder(Embedder delegate, int capacity) {
        this.delegate = delegate;
        this.vectors = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Wraps {@code delegate} with a cache of {@link #DEFAULT_CAPACITY} vectors. */
    public static CachingEmbedder wrap(Embedder delegate) {
        return wrap(delegate, DEFAULT_CAPACITY);
    }

    /** Wraps {@code delegate} with a cache of {@code capacity} vectors, at least 1. */
    public static CachingEmbedder wrap(Embedder delegate, int capacity) {
        Objects.requireNonNull(delegate, "delegate");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        return new CachingEmbedder(delegate, capacity);
    }

    /** Returns a copy of the cached vector, or embeds the text and caches the result. */
    @Override
    public float[] embed(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_CACHED_TEXT_LENGTH) {
            return delegate.embed(text);
        }
        float[] cached;
        synchronized (vectors) {
            cached = vectors.get(text);
        }
        if (cached != null) {
            return cached.clone();
        }
        // Two threads that miss on the same text both embed it; the model is deterministic,
        // so either result may stay in the cache.
        float[] vector = delegate.embed(text);
        synchronized (vectors) {
            vectors.put(text, vector.clone());
        }
        return vector;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return delegate.embedAll(texts);
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    /** Returns the number of cached vectors. */
    int size() {
        synchronized (vectors) {
            return vectors.size();
        }
    }

    /** Clears the cache and closes the wrapped embedder. */
    @Override
    public void close() {
        synchronized (vectors) {
            vectors.clear();
        }
        delegate.close();
    }
}

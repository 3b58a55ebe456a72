package dev.scms.embed;

import java.util.List;

/**
 * Turns text into unit-length vectors. Implementations never throw on empty, blank or very
 * long text: text with nothing to embed gives a zero vector, long text is cut or chunked.
 */
public interface Embedder extends AutoCloseable {

    float[] embed(String text);

    List<float[]> embedAll(List<String> texts);

    int dimension();

    /** Returns the identifier stored beside every vector, so vectors of two models never mix. */
    String modelId();

    @Override
    void close();
}

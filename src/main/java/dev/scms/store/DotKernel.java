package dev.scms.store;

/**
 * Dot products over the vectors of the cache. {@link DotProducts} picks the implementation:
 * SIMD through the Vector API when the JVM has it, plain loops otherwise.
 */
public interface DotKernel {

    /** Returns the dot product of {@code a} and {@code b}, which have the same length. */
    double dot(float[] a, float[] b);

    /**
     * Returns the dot product of {@code query} with the 8-bit codes {@code codes[offset]} to
     * {@code codes[offset + query.length - 1]}, before scaling.
     */
    double dot(float[] query, byte[] codes, int offset);
}

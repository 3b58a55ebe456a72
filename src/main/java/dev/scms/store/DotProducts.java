package dev.scms.store;

import org.slf4j.LoggerFactory;

/**
 * The dot products of the vector cache. With {@code --add-modules jdk.incubator.vector}, which
 * the launchers pass, they run on the SIMD instructions of the processor; without it, or when
 * the Vector API fails to load, in plain loops that give the same results to rounding.
 */
public final class DotProducts {

    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String SIMD_KERNEL = "dev.scms.store.simd.VectorApiDot";
    private static final DotKernel KERNEL = choose();

    private DotProducts() {
    }

    /** Returns the dot product of two vectors of the same length, the cosine for unit vectors. */
    public static double dot(float[] a, float[] b) {
        return KERNEL.dot(a, b);
    }

    /** Returns the dot product of {@code query} with {@code query.length} codes from {@code offset}, unscaled. */
    public static double dot(float[] query, byte[] codes, int offset) {
        return KERNEL.dot(query, codes, offset);
    }

    /** Returns true when the dot products use the Vector API. */
    public static boolean simd() {
        return !(KERNEL instanceof ScalarDot);
    }

    private static DotKernel choose() {
        ScalarDot scalar = new ScalarDot();
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return scalar;
        }
        try {
            DotKernel simd = (DotKernel) Class.forName(SIMD_KERNEL).getDeclaredConstructor().newInstance();
            return agrees(simd, scalar) ? simd : scalar;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LoggerFactory.getLogger(DotProducts.class).debug("Vector API unavailable, using plain loops: {}", e.toString());
            return scalar;
        }
    }

    /** Checks the SIMD kernel against the plain loops on one pair of vectors with a tail. */
    private static boolean agrees(DotKernel simd, DotKernel scalar) {
        float[] a = new float[387];
        float[] b = new float[387];
        byte[] codes = new byte[387];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) Math.sin(i);
            b[i] = (float) Math.cos(i * 0.5);
            codes[i] = (byte) (i * 37);
        }
        return Math.abs(simd.dot(a, b) - scalar.dot(a, b)) < 1e-3
                && Math.abs(simd.dot(a, codes, 0) - scalar.dot(a, codes, 0)) < 1e-1;
    }
}

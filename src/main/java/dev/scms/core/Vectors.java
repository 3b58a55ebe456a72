package dev.scms.core;

/** Vector arithmetic on unit-length float vectors. */
final class Vectors {

    private Vectors() {
    }

    /** Returns the dot product, which is the cosine for unit vectors; 0 when dimensions differ. */
    static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            return 0.0;
        }
        double sum = 0.0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}

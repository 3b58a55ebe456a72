package dev.scms.core;

import dev.scms.store.DotProducts;

/** Vector arithmetic on unit-length float vectors. */
final class Vectors {

    private Vectors() {
    }

    /** Returns the dot product, which is the cosine for unit vectors; 0 when dimensions differ. */
    static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            return 0.0;
        }
        return DotProducts.dot(a, b);
    }
}

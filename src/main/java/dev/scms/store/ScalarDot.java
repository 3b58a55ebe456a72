package dev.scms.store;

/**
 * Dot products in plain loops. Four sums break the chain of dependent additions, so the
 * processor overlaps them: about twice as fast as one sum over 384 dimensions.
 */
final class ScalarDot implements DotKernel {

    @Override
    public double dot(float[] a, float[] b) {
        float first = 0f;
        float second = 0f;
        float third = 0f;
        float fourth = 0f;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            first += a[i] * b[i];
            second += a[i + 1] * b[i + 1];
            third += a[i + 2] * b[i + 2];
            fourth += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            first += a[i] * b[i];
        }
        return (double) first + second + third + fourth;
    }

    @Override
    public double dot(float[] query, byte[] codes, int offset) {
        float first = 0f;
        float second = 0f;
        float third = 0f;
        float fourth = 0f;
        int i = 0;
        for (; i + 3 < query.length; i += 4) {
            first += query[i] * codes[offset + i];
            second += query[i + 1] * codes[offset + i + 1];
            third += query[i + 2] * codes[offset + i + 2];
            fourth += query[i + 3] * codes[offset + i + 3];
        }
        for (; i < query.length; i++) {
            first += query[i] * codes[offset + i];
        }
        return (double) first + second + third + fourth;
    }
}

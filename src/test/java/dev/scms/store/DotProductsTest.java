package dev.scms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DotProductsTest {

    private final Random random = new Random(7);
    private final ScalarDot scalar = new ScalarDot();

    @Test
    void simdWhenModulePresent() {
        // The test JVM runs with --add-modules jdk.incubator.vector, as the launchers do.
        assertThat(ModuleLayer.boot().findModule(DotProducts.VECTOR_MODULE)).isPresent();
        assertThat(DotProducts.simd()).isTrue();
    }

    @Test
    void floatDotMatchesPlainLoops() {
        for (int length = 0; length <= 70; length++) {
            float[] a = randomVector(length);
            float[] b = randomVector(length);
            assertThat(DotProducts.dot(a, b)).as("length %d", length).isCloseTo(exact(a, b), within(1e-5));
            assertThat(scalar.dot(a, b)).as("length %d", length).isCloseTo(exact(a, b), within(1e-5));
        }
    }

    @Test
    void codeDotMatchesPlainLoops() {
        float[] query = randomVector(384);
        byte[] codes = new byte[384 * 3 + 5];
        random.nextBytes(codes);
        for (int offset : new int[] {0, 1, 384, 389, 768 + 5}) {
            double expected = 0;
            for (int i = 0; i < query.length; i++) {
                expected += (double) query[i] * codes[offset + i];
            }
            assertThat(DotProducts.dot(query, codes, offset)).as("offset %d", offset).isCloseTo(expected, within(1e-3));
            assertThat(scalar.dot(query, codes, offset)).as("offset %d", offset).isCloseTo(expected, within(1e-3));
        }
    }

    private float[] randomVector(int length) {
        float[] vector = new float[length];
        for (int i = 0; i < length; i++) {
            vector[i] = (float) random.nextGaussian() * 0.1f;
        }
        return vector;
    }

    private static double exact(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}

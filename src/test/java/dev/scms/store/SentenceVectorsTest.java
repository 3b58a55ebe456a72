package dev.scms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SentenceVectorsTest {

    private final Random random = new Random(11);

    @Test
    void bestDotWithinTwoThousandths() {
        for (int round = 0; round < 200; round++) {
            List<float[]> sentences = new ArrayList<>();
            for (int i = 0; i < 1 + round % 5; i++) {
                sentences.add(unitVector(384));
            }
            float[] query = unitVector(384);
            double exact = -1;
            for (float[] sentence : sentences) {
                exact = Math.max(exact, dot(query, sentence));
            }
            assertThat(SentenceVectors.of(sentences).bestDot(query)).isCloseTo(exact, within(2e-3));
        }
    }

    @Test
    void decodedWithinHalfAStep() {
        float[] original = unitVector(384);
        SentenceVectors encoded = SentenceVectors.of(List.of(original));
        float largest = 0;
        for (float value : original) {
            largest = Math.max(largest, Math.abs(value));
        }
        float halfStep = largest / 127 / 2 + 1e-7f;
        float[] decoded = encoded.get(0);
        for (int i = 0; i < original.length; i++) {
            assertThat(decoded[i]).isCloseTo(original[i], within(halfStep));
        }
        assertThat(encoded.size()).isEqualTo(1);
        assertThat(encoded.dimension()).isEqualTo(384);
    }

    @Test
    void packKeepsVectorsAndOrder() {
        List<SentenceVectors> sets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            List<float[]> vectors = new ArrayList<>();
            for (int j = 0; j < i % 3; j++) {
                vectors.add(unitVector(32));
            }
            sets.add(SentenceVectors.of(vectors));
        }
        sets.add(SentenceVectors.of(List.of(unitVector(16))));
        List<SentenceVectors> packed = SentenceVectors.pack(sets);
        float[] query = unitVector(32);
        assertThat(packed).hasSameSizeAs(sets);
        for (int i = 0; i < sets.size(); i++) {
            assertThat(packed.get(i).size()).isEqualTo(sets.get(i).size());
            assertThat(packed.get(i).bestDot(query)).isEqualTo(sets.get(i).bestDot(query));
            for (int j = 0; j < sets.get(i).size(); j++) {
                assertThat(packed.get(i).get(j)).containsExactly(sets.get(i).get(j));
            }
        }
        assertThat(packed.get(6)).as("another dimension stays apart").isSameAs(sets.get(6));
        assertThat(SentenceVectors.pack(packed).get(4).get(0)).containsExactly(sets.get(4).get(0));
    }

    @Test
    void bestDotOfEmptySetIsMinusOne() {
        assertThat(SentenceVectors.none().isEmpty()).isTrue();
        assertThat(SentenceVectors.of(List.of())).isSameAs(SentenceVectors.none());
        assertThat(SentenceVectors.none().bestDot(unitVector(384))).isEqualTo(-1.0);
    }

    @Test
    void bestDotOfOtherDimensionIsMinusOne() {
        SentenceVectors encoded = SentenceVectors.of(List.of(unitVector(8)));
        assertThat(encoded.bestDot(unitVector(16))).isEqualTo(-1.0);
    }

    @Test
    void zeroVectorEncodesToZeroes() {
        SentenceVectors encoded = SentenceVectors.of(List.of(new float[4]));
        assertThat(encoded.get(0)).containsExactly(0f, 0f, 0f, 0f);
        assertThat(encoded.bestDot(new float[] {1f, 0f, 0f, 0f})).isEqualTo(0.0);
    }

    @Test
    void ofRejectsMixedLengthsAndNonFinite() {
        assertThatThrownBy(() -> SentenceVectors.of(List.of(new float[4], new float[5])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sentence vector 1 has 5 dimensions");
        assertThatThrownBy(() -> SentenceVectors.of(List.of(new float[] {Float.NaN})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> SentenceVectors.of(List.of(new float[4])).get(1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    private float[] unitVector(int dimension) {
        float[] vector = new float[dimension];
        double squares = 0;
        for (int i = 0; i < dimension; i++) {
            vector[i] = (float) random.nextGaussian();
            squares += vector[i] * vector[i];
        }
        float norm = (float) Math.sqrt(squares);
        for (int i = 0; i < dimension; i++) {
            vector[i] /= norm;
        }
        return vector;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}

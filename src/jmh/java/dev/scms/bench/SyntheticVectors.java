package dev.scms.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random unit vectors of dimension 384 grouped around {@link #TOPICS} random topic directions,
 * deterministic for its seeds. A vector near a topic is {@code share * topic + sqrt(1 - share^2) * noise}
 * with a random unit noise direction, so its cosine to another vector of the same topic is about
 * the product of their shares, and about 0 (standard deviation 1/sqrt(384)) to any other.
 * A query near one topic therefore passes the cosine floor for about 1 memory in {@link #TOPICS},
 * as a real query matches a few domains of a store.
 */
final class SyntheticVectors {

    static final int DIMENSION = 384;
    static final int TOPICS = 50;

    private final SplittableRandom random;
    private final float[][] topics = new float[TOPICS][];

    /**
     * @param topicSeed the seed of the topic directions, the same for a store and its queries
     * @param noiseSeed the seed of the noise directions and sentence shares, which must differ from
     *        {@code topicSeed} so that the noise does not repeat the topics
     */
    SyntheticVectors(long topicSeed, long noiseSeed) {
        SplittableRandom topicRandom = new SplittableRandom(topicSeed);
        for (int topic = 0; topic < TOPICS; topic++) {
            topics[topic] = unit(gaussian(topicRandom));
        }
        this.random = new SplittableRandom(noiseSeed);
    }

    /** Returns a unit vector whose cosine to the topic direction is about {@code share}. */
    float[] near(int topic, double share) {
        float[] direction = topics[Math.floorMod(topic, TOPICS)];
        float[] noise = unit(gaussian(random));
        double rest = Math.sqrt(1.0 - share * share);
        float[] vector = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] = (float) (share * direction[i] + rest * noise[i]);
        }
        return unit(vector);
    }

    /** Returns three or four sentence vectors near the topic, with shares drawn from [0.3, 0.7). */
    List<float[]> sentences(int topic) {
        int count = 3 + random.nextInt(2);
        List<float[]> sentences = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sentences.add(near(topic, random.nextDouble(0.3, 0.7)));
        }
        return sentences;
    }

    private static double[] gaussian(SplittableRandom random) {
        double[] values = new double[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    private static float[] unit(double[] values) {
        float[] vector = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            vector[i] = (float) values[i];
        }
        return unit(vector);
    }

    private static float[] unit(float[] vector) {
        double squares = 0;
        for (float value : vector) {
            squares += (double) value * value;
        }
        double norm = Math.sqrt(squares);
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / norm);
        }
        return vector;
    }
}

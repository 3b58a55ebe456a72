package dev.scms.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.LongToIntFunction;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DropoutTest {

    /** Ids 1 to 4 ranked by score 0.9, 0.8, 0.7, 0.6, with 2, 5, 1 and 9 helpful uses. */
    private static final List<Scored> RANKED = List.of(scored(1, 0.9), scored(2, 0.8), scored(3, 0.7),
            scored(4, 0.6));
    private static final Map<Long, Integer> USES = Map.of(1L, 2, 2L, 5, 3L, 1, 4L, 9);
    private static final LongToIntFunction HELPFUL = USES::get;

    private static Scored scored(long id, double score) {
        return new Scored(id, new ScoreBreakdown(score, score, 0, 1, 0, 0, score));
    }

    /** A random source that counts its draws and always returns the same value. */
    private static final class FixedRandom implements RandomGenerator {
        private final double value;
        private int draws;

        FixedRandom(double value) {
            this.value = value;
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("dropout draws doubles only");
        }

        @Override
        public double nextDouble() {
            draws++;
            return value;
        }
    }

    @Test
    void zeroProbabilityNeverDrawsOrDrops() {
        FixedRandom random = new FixedRandom(0.0);
        Dropout dropout = new Dropout(0.0, random);

        for (int i = 0; i < 1_000; i++) {
            assertThat(dropout.choose(RANKED, 3, HELPFUL)).isEmpty();
        }
        assertThat(random.draws).isZero();
    }

    @Test
    void probabilityOneDropsMostUsedOfTopK() {
        // Among the top 3 the most used is id 2 (5 uses). Id 4 has more uses but is entry k + 1,
        // so it is the replacement, not a pick.
        Dropout dropout = new Dropout(1.0, new SplittableRandom(1));

        for (int i = 0; i < 100; i++) {
            assertThat(dropout.choose(RANKED, 3, HELPFUL)).contains(new Dropout.Choice(2, 4));
        }
    }

    @Test
    void probabilityOneDropsEvenAtHighestDraw() {
        // nextDouble() stays below 1, so its largest value still drops with p = 1.
        Dropout dropout = new Dropout(1.0, new FixedRandom(Math.nextDown(1.0)));

        assertThat(dropout.choose(RANKED, 2, HELPFUL)).contains(new Dropout.Choice(2, 3));
    }

    @Test
    void equalUsesDropHigherScore() {
        Dropout dropout = new Dropout(1.0, new FixedRandom(0.5));

        Optional<Dropout.Choice> choice = dropout.choose(RANKED, 3, id -> 4);

        assertThat(choice).contains(new Dropout.Choice(1, 4));
    }

    @Test
    void unusedPicksAreNeverDropped() {
        FixedRandom random = new FixedRandom(0.0);
        Dropout dropout = new Dropout(1.0, random);

        assertThat(dropout.choose(RANKED, 3, id -> 0)).isEmpty();
        assertThat(random.draws).isEqualTo(1);
    }

    @Test
    void drawAtProbabilityKeepsPicks() {
        Dropout dropout = new Dropout(0.25, new FixedRandom(0.25));

        assertThat(dropout.choose(RANKED, 3, HELPFUL)).isEmpty();
    }

    @Test
    void noReplacementNoDropButOneDraw() {
        FixedRandom random = new FixedRandom(0.0);
        Dropout dropout = new Dropout(1.0, random);

        assertThat(dropout.choose(RANKED, 4, HELPFUL)).isEmpty();
        assertThat(dropout.choose(RANKED, 7, HELPFUL)).isEmpty();
        assertThat(dropout.choose(List.of(), 1, HELPFUL)).isEmpty();
        assertThat(random.draws).isEqualTo(3);
    }

    @Test
    void fixedSeedGivesFixedSequence() {
        // SplittableRandom(42).nextDouble() falls below 0.3 at draws 1, 2, 4, 6, 10, 15, 16 and 18 (from 0).
        assertThat(droppedRounds(42, 0.3, 20)).containsExactly(1, 2, 4, 6, 10, 15, 16, 18);
        assertThat(droppedRounds(42, 0.3, 20)).isEqualTo(droppedRounds(42, 0.3, 20));
        assertThat(droppedRounds(7, 0.3, 20)).containsExactly(1, 5, 8, 10);
    }

    @Test
    void dropRateFollowsProbability() {
        int drops = droppedRounds(2025, 0.25, 10_000).size();

        // Binomial(10000, 0.25) has a standard deviation of about 43, so this band is over 4 sigma wide.
        assertThat(drops).isBetween(2_300, 2_700);
    }

    @Test
    void invalidArgumentsAreRejected() {
        RandomGenerator random = new SplittableRandom(1);

        assertThatThrownBy(() -> new Dropout(-0.1, random)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new Dropout(Double.NaN, random)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> new Dropout(0.5, random).choose(RANKED, 0, HELPFUL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }

    private static List<Integer> droppedRounds(long seed, double probability, int rounds) {
        Dropout dropout = new Dropout(probability, new SplittableRandom(seed));
        List<Integer> dropped = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            if (dropout.choose(RANKED, 3, HELPFUL).isPresent()) {
                dropped.add(round);
            }
        }
        return dropped;
    }
}

package dev.scms.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsTest {

    /**
     * Four queries worked by hand:
     * q1 relevant at rank 1; q2 relevant at rank 3; q3 nothing relevant returned;
     * q4 two relevant memories, returned at ranks 2 and 5.
     */
    private static final List<Metrics.QueryOutcome> FOUR = List.of(
            new Metrics.QueryOutcome(List.of(1), 1, 5, 100, 4.0, Optional.of(1.0)),
            new Metrics.QueryOutcome(List.of(3), 1, 3, 60, 2.0, Optional.of(0.5)),
            new Metrics.QueryOutcome(List.of(), 1, 1, 20, 9.0),
            new Metrics.QueryOutcome(List.of(2, 5), 2, 5, 80, 1.0));

    @Test
    void hitRatesCountFirstRelevantRank() {
        Metrics metrics = Metrics.of("full", FOUR);

        // First relevant ranks 1, 3, none, 2.
        assertThat(metrics.hitAt1()).isCloseTo(1.0 / 4, within(1e-9));
        assertThat(metrics.hitAt3()).isCloseTo(3.0 / 4, within(1e-9));
        assertThat(metrics.hitAt5()).isCloseTo(3.0 / 4, within(1e-9));
    }

    @Test
    void precisionAtThreeCountsRelevantInTopThree() {
        // (1/3 + 1/3 + 0 + 1/3) / 4: q4's rank 5 lies outside the top 3.
        assertThat(Metrics.of("full", FOUR).precisionAt3()).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void mrrAveragesReciprocalFirstRank() {
        // (1 + 1/3 + 0 + 1/2) / 4 = 11/24.
        assertThat(Metrics.of("full", FOUR).mrr()).isCloseTo(11.0 / 24, within(1e-9));
    }

    @Test
    void ndcgUsesBinaryGainsAndIdealOrder() {
        // q1: 1. q2: 1/log2(4) = 0.5. q3: 0.
        // q4: DCG = 1/log2(3) + 1/log2(6) = 0.630930 + 0.386853 = 1.017783,
        //     ideal DCG = 1 + 1/log2(3) = 1.630930, so nDCG = 0.624051.
        // Mean: (1 + 0.5 + 0 + 0.624051) / 4 = 0.531013.
        assertThat(Metrics.of("full", FOUR).ndcgAt10()).isCloseTo(0.531013, within(1e-6));
    }

    @Test
    void sizesAndTimesAreMeansAndPercentiles() {
        Metrics metrics = Metrics.of("full", FOUR);

        assertThat(metrics.meanReturned()).isCloseTo(3.5, within(1e-9));
        assertThat(metrics.meanTokens()).isCloseTo(65.0, within(1e-9));
        // Sorted times 1, 2, 4, 9: the median is (2 + 4) / 2 and the nearest-rank p95 is the 4th value.
        assertThat(metrics.medianMillis()).isCloseTo(3.0, within(1e-9));
        assertThat(metrics.p95Millis()).isCloseTo(9.0, within(1e-9));
    }

    @Test
    void recallAveragesOnlyMeasuredQueries() {
        assertThat(Metrics.of("full", FOUR).recallVsFull()).hasValueSatisfying(recall -> assertThat(recall)
                .isCloseTo(0.75, within(1e-9)));
        assertThat(Metrics.of("full", FOUR.subList(2, 4)).recallVsFull()).isEmpty();
    }

    @Test
    void ndcgRewardsSecondRelevantMemory() {
        // Two relevant memories at ranks 1 and 2: DCG equals the ideal DCG.
        Metrics metrics = Metrics.of("full", List.of(new Metrics.QueryOutcome(List.of(1, 2), 2, 2, 10, 1.0)));

        assertThat(metrics.ndcgAt10()).isCloseTo(1.0, within(1e-9));
        assertThat(metrics.precisionAt3()).isCloseTo(2.0 / 3, within(1e-9));
    }

    @Test
    void p95OfTwentyTimesIsNineteenth() {
        List<Metrics.QueryOutcome> outcomes = new java.util.ArrayList<>();
        for (int i = 20; i >= 1; i--) {
            outcomes.add(new Metrics.QueryOutcome(List.of(), 1, 0, 0, i));
        }

        // ceil(0.95 * 20) = 19, so the 19th smallest of 1..20.
        assertThat(Metrics.of("full", outcomes).p95Millis()).isEqualTo(19.0);
    }

    @Test
    void emptyQuerySetGivesZeros() {
        Metrics metrics = Metrics.of("full", List.of());

        assertThat(metrics.queries()).isZero();
        assertThat(metrics.recallVsFull()).isEmpty();
    }
}

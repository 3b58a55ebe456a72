package dev.scms.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void computesHandWorkedValues() {
        // Query 1: relevant at rank 1. Query 2: relevant at rank 3. Query 3: nothing relevant returned.
        List<Metrics.QueryOutcome> outcomes = List.of(
                new Metrics.QueryOutcome(List.of(1), 1, 5, 100, 4.0),
                new Metrics.QueryOutcome(List.of(3), 1, 3, 60, 2.0),
                new Metrics.QueryOutcome(List.of(), 1, 1, 20, 9.0));

        Metrics metrics = Metrics.of("full", outcomes);

        assertThat(metrics.hitAt1()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(metrics.hitAt3()).isCloseTo(2.0 / 3, within(1e-9));
        // MRR = (1 + 1/3 + 0) / 3 = 4/9.
        assertThat(metrics.mrr()).isCloseTo(4.0 / 9, within(1e-9));
        // P@3 = (1/3 + 1/3 + 0) / 3 = 2/9.
        assertThat(metrics.precisionAt3()).isCloseTo(2.0 / 9, within(1e-9));
        // nDCG@10 with one relevant memory: 1/log2(rank + 1), so 1 and 0.5 and 0, mean 0.5.
        assertThat(metrics.ndcgAt10()).isCloseTo(0.5, within(1e-9));
        assertThat(metrics.meanReturned()).isCloseTo(3.0, within(1e-9));
        assertThat(metrics.meanTokens()).isCloseTo(60.0, within(1e-9));
        assertThat(metrics.medianMillis()).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void ndcgRewardsSecondRelevantMemory() {
        // Two relevant memories at ranks 1 and 2: DCG equals the ideal DCG.
        Metrics metrics = Metrics.of("full", List.of(new Metrics.QueryOutcome(List.of(1, 2), 2, 2, 10, 1.0)));

        assertThat(metrics.ndcgAt10()).isCloseTo(1.0, within(1e-9));
        assertThat(metrics.precisionAt3()).isCloseTo(2.0 / 3, within(1e-9));
    }

    @Test
    void emptyQuerySetGivesZeros() {
        assertThat(Metrics.of("full", List.of()).queries()).isZero();
    }

    @Test
    void presetsCoverFourWeightsWithAndWithoutLexical() {
        assertThat(Preset.all(0.35)).extracting(Preset::name).containsExactly("semantic", "semantic+lex",
                "temporal", "temporal+lex", "usage", "usage+lex", "full", "full+lex");
        assertThat(Preset.named("full+lex", 0.35)).hasValueSatisfying(preset -> assertThat(preset.lexicalWeight())
                .isEqualTo(0.35));
        assertThat(Preset.named("full", 0.35)).hasValueSatisfying(preset -> assertThat(preset.lexicalWeight())
                .isZero());
    }
}

package dev.scms.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionEntropyTest {

    private static final double EPS = 1e-12;

    @Test
    void entropyMatchesHandComputation() {
        // Id 1 is selected 4 times, ids 2 to 5 once each: T = 8, p = 1/2 and four times 1/8.
        // H = 1/2 ln 2 + 4 * 1/8 * ln 8 = 2 ln 2, and ln T = 3 ln 2, so the value is 2/3.
        double entropy = SelectionEntropy.of(List.of(List.of(1L, 2L), List.of(1L, 3L), List.of(1L, 4L),
                List.of(1L, 5L)));

        assertThat(entropy).isCloseTo(2.0 / 3.0, within(EPS));
    }

    @Test
    void countsGiveSameValueAsSelections() {
        assertThat(SelectionEntropy.normalised(List.of(4, 1, 1, 1, 1), 8)).isCloseTo(2.0 / 3.0, within(EPS));
    }

    @Test
    void distinctSelectionsGiveOne() {
        assertThat(SelectionEntropy.of(List.of(List.of(1L, 2L), List.of(3L), List.of(4L, 5L, 6L))))
                .isCloseTo(1.0, within(EPS));
    }

    @Test
    void singleMemoryGivesZero() {
        assertThat(SelectionEntropy.of(List.of(List.of(9L), List.of(9L), List.of(9L)))).isZero();
    }

    @Test
    void emptyRetrievalsGiveZero() {
        assertThat(SelectionEntropy.of(List.of())).isZero();
        assertThat(SelectionEntropy.of(List.of(List.of(), List.of()))).isZero();
    }

    @Test
    void invalidCountsAreRejected() {
        assertThatThrownBy(() -> SelectionEntropy.normalised(List.of(2, 0), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> SelectionEntropy.normalised(List.of(2, 1), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 3");
    }

    @Test
    void boundByCandidatesInScope() {
        // Five memories, each selected four times: ln 5 / ln min(20, 5) = 1.
        assertThat(SelectionEntropy.normalised(List.of(4, 4, 4, 4, 4), 20, 5)).isCloseTo(1.0, within(EPS));
        // Without the bound the same counts read ln 5 / ln 20.
        assertThat(SelectionEntropy.normalised(List.of(4, 4, 4, 4, 4), 20)).isCloseTo(Math.log(5) / Math.log(20),
                within(EPS));
        // One memory in scope cannot spread.
        assertThat(SelectionEntropy.normalised(List.of(7), 7, 1)).isEqualTo(1.0);
        // One memory chosen of many is a collapse.
        assertThat(SelectionEntropy.normalised(List.of(7), 7, 50)).isZero();
    }
}

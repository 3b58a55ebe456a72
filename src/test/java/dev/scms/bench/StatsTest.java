package dev.scms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfOddCountIsMiddleValue() {
        assertThat(Stats.median(List.of(9.0, 1.0, 5.0))).isEqualTo(5.0);
    }

    @Test
    void medianOfEvenCountIsMeanOfMiddleTwo() {
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void medianOfOneValueIsThatValue() {
        assertThat(Stats.median(List.of(7.0))).isEqualTo(7.0);
    }

    @Test
    void percentileInterpolatesBetweenRanks() {
        List<Double> values = List.of(10.0, 20.0, 30.0, 40.0, 50.0);
        assertThat(Stats.percentile(values, 0)).isEqualTo(10.0);
        assertThat(Stats.percentile(values, 25)).isEqualTo(20.0);
        assertThat(Stats.percentile(values, 90)).isCloseTo(46.0, within(1e-9));
        assertThat(Stats.percentile(values, 100)).isEqualTo(50.0);
    }

    @Test
    void percentilesOfHundredValuesMatchNumpy() {
        List<Double> values = new java.util.ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            values.add((double) i);
        }
        // numpy.percentile(range(1, 101), [50, 95, 99]) gives 50.5, 95.05 and 99.01.
        assertThat(Stats.percentile(values, 50)).isCloseTo(50.5, within(1e-9));
        assertThat(Stats.percentile(values, 95)).isCloseTo(95.05, within(1e-9));
        assertThat(Stats.percentile(values, 99)).isCloseTo(99.01, within(1e-9));
    }

    @Test
    void percentileLeavesInputUnsorted() {
        List<Double> values = new java.util.ArrayList<>(List.of(3.0, 1.0, 2.0));
        Stats.percentile(values, 50);
        assertThat(values).containsExactly(3.0, 1.0, 2.0);
    }

    @Test
    void percentileOfNoValuesIsRejected() {
        assertThatThrownBy(() -> Stats.percentile(List.of(), 50)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no values");
    }

    @Test
    void percentileOutsideRangeIsRejected() {
        assertThatThrownBy(() -> Stats.percentile(List.of(1.0), 101)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("101");
    }
}

package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LongSetTest {

    @Test
    void emptySetContainsNothing() {
        LongSet set = LongSet.of(List.of());

        assertThat(set.contains(0)).isFalse();
        assertThat(set.contains(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void containsExactlyItsValues() {
        Random random = new Random(7);
        Set<Long> values = new HashSet<>();
        while (values.size() < 200) {
            values.add((long) random.nextInt(100_000));
        }
        values.add(0L);
        values.add(Long.MAX_VALUE);

        LongSet set = LongSet.of(values);

        for (long value = 0; value < 100_000; value++) {
            assertThat(set.contains(value)).as("value %d", value).isEqualTo(values.contains(value));
        }
        assertThat(set.contains(Long.MAX_VALUE)).isTrue();
    }

    @Test
    void duplicateValuesKeepOneSlot() {
        LongSet set = LongSet.of(List.of(5L, 5L, 21L));

        assertThat(set.contains(5)).isTrue();
        assertThat(set.contains(21)).isTrue();
        assertThat(set.contains(6)).isFalse();
    }

    @Test
    void negativeValueNeverContained() {
        LongSet set = LongSet.of(List.of(1L, 2L, 3L));

        assertThat(set.contains(-1)).isFalse();
        assertThat(set.contains(Long.MIN_VALUE)).isFalse();
    }

    @Test
    void negativeValueRejected() {
        assertThatThrownBy(() -> LongSet.of(List.of(3L, -2L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-2");
    }
}

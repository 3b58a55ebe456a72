package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TailBytesTest {

    @Test
    void keepsEverythingBelowCapacity() {
        TailBytes tail = new TailBytes(8);
        "abc".chars().forEach(tail::add);

        assertThat(new String(tail.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("abc");
    }

    @Test
    void keepsLastBytesOldestFirst() {
        TailBytes tail = new TailBytes(4);
        "abcdefghij".chars().forEach(tail::add);

        assertThat(new String(tail.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("ghij");
    }

    @Test
    void clearEmptiesRing() {
        TailBytes tail = new TailBytes(4);
        "abcdef".chars().forEach(tail::add);
        tail.clear();
        "xy".chars().forEach(tail::add);

        assertThat(new String(tail.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("xy");
    }

    @Test
    void rejectsCapacityBelowOne() {
        assertThatThrownBy(() -> new TailBytes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }
}

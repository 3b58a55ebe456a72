package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictUtf8Test {

    private static String decode(byte[] bytes) {
        return StrictUtf8.decode(bytes, "TEXT", "stdin");
    }

    @Test
    void validTextDecoded() {
        assertThat(decode("café 日本 🎉".getBytes(StandardCharsets.UTF_8))).isEqualTo("café 日本 🎉");
    }

    @Test
    void byteOrderMarkDropped() {
        assertThat(decode("\uFEFFBOM text".getBytes(StandardCharsets.UTF_8))).isEqualTo("BOM text");
    }

    @Test
    void onlyLeadingByteOrderMarkDropped() {
        assertThat(decode("a\uFEFFb".getBytes(StandardCharsets.UTF_8))).isEqualTo("a\uFEFFb");
    }

    @Test
    void latin1ByteRejectedWithOffset() {
        byte[] latin1 = "caf\u00e9 latin1".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> decode(latin1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid argument 'TEXT': stdin is not valid UTF-8 (invalid byte 0xE9 at byte offset 3);"
                        + " convert it to UTF-8 and try again");
    }

    @Test
    void cutSequenceAtEndRejected() {
        byte[] cut = {'a', 'b', (byte) 0xE6, (byte) 0x97};

        assertThatThrownBy(() -> decode(cut)).hasMessageContaining("invalid byte 0xE6 at byte offset 2");
    }

    @Test
    void emptyInputDecoded() {
        assertThat(decode(new byte[0])).isEmpty();
    }
}

package dev.scms.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoedTextTest {

    @Test
    void escapeSequenceAndBellEscaped() {
        assertThat(EchoedText.escape("\u001b]0;pwned\u0007\u001b[2J")).isEqualTo("\\u001b]0;pwned\\u0007\\u001b[2J");
    }

    @Test
    void lineBreaksEscaped() {
        assertThat(EchoedText.escape("red\nok    database  forged\r\u2028x")).isEqualTo(
                "red\\u000aok    database  forged\\u000d\\u2028x");
    }

    @Test
    void nulAndBidiOverrideEscaped() {
        assertThat(EchoedText.escape("\u0000evil\u202e")).isEqualTo("\\u0000evil\\u202e");
    }

    @Test
    void loneSurrogateEscapedPairKept() {
        assertThat(EchoedText.escape("a\ud800b\ud83d\ude00")).isEqualTo("a\\ud800b\ud83d\ude00");
    }

    @Test
    void plainTextAndBackslashesUnchanged() {
        assertThat(EchoedText.escape("C:\\work\\shop café")).isEqualTo("C:\\work\\shop café");
    }

    @Test
    void quoteWrapsShortValue() {
        assertThat(EchoedText.quote("a\tb")).isEqualTo("'a\\u0009b'");
    }

    @Test
    void quoteCutsLongValueAndGivesLength() {
        String quoted = EchoedText.quote("x".repeat(100_000));

        assertThat(quoted).isEqualTo("'" + "x".repeat(EchoedText.MAX_CHARS) + "…' (100000 characters)");
    }

    @Test
    void quoteNeverSplitsSurrogatePair() {
        String value = "x".repeat(EchoedText.MAX_CHARS - 1) + "\ud83d\ude00" + "y".repeat(10);

        assertThat(EchoedText.quote(value)).startsWith("'" + "x".repeat(EchoedText.MAX_CHARS - 1) + "…'");
    }

    @Test
    void shortenCutsWithoutQuotes() {
        assertThat(EchoedText.shorten("scms://rules/" + "p".repeat(300))).endsWith("… (313 characters)")
                .doesNotStartWith("'");
    }

    @Test
    void quoteKeepsCombiningMarkWithBase() {
        String value = "x".repeat(EchoedText.MAX_CHARS - 1) + "e\u0301" + "y".repeat(10);

        assertThat(EchoedText.quote(value)).startsWith("'" + "x".repeat(EchoedText.MAX_CHARS - 1) + "…'");
    }
}

package dev.scms.embed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddingTextTest {

    @Test
    void replacesLoneSurrogates() {
        assertThat(EmbeddingText.replaceLoneSurrogates("a\uD800b")).isEqualTo("a\uFFFDb");
        assertThat(EmbeddingText.replaceLoneSurrogates("\uDC00a")).isEqualTo("\uFFFDa");
        assertThat(EmbeddingText.replaceLoneSurrogates("a\uD800")).isEqualTo("a\uFFFD");
        assertThat(EmbeddingText.replaceLoneSurrogates("\uDC00\uD800")).isEqualTo("\uFFFD\uFFFD");
    }

    @Test
    void keepsValidPairsAndPlainText() {
        String emoji = "ok \uD83D\uDE00 done";

        assertThat(EmbeddingText.replaceLoneSurrogates(emoji)).isSameAs(emoji);
        assertThat(EmbeddingText.replaceLoneSurrogates("\uD800\uD83D\uDE00")).isEqualTo("\uFFFD\uD83D\uDE00");
    }

    @Test
    void contentNeedsLetterOrDigit() {
        assertThat(EmbeddingText.hasContent("")).isFalse();
        assertThat(EmbeddingText.hasContent(" \t\n")).isFalse();
        assertThat(EmbeddingText.hasContent("\uD83D\uDE00\uD83C\uDF89")).isFalse();
        assertThat(EmbeddingText.hasContent("\u0000\u0007")).isFalse();
        assertThat(EmbeddingText.hasContent("?!")).isFalse();
        assertThat(EmbeddingText.hasContent("\u65E5\u672C")).isTrue();
        assertThat(EmbeddingText.hasContent("404")).isTrue();
    }

    @Test
    void truncateCutsAtWhitespaceNearLimit() {
        String text = "alpha beta gamma delta";

        assertThat(EmbeddingText.truncate(text, 100)).isSameAs(text);
        assertThat(EmbeddingText.truncate("a".repeat(18) + " bbbbbb", 20)).isEqualTo("a".repeat(18));
        assertThat(EmbeddingText.truncate("abcdefghij", 5)).isEqualTo("abcde");
    }

    @Test
    void truncateKeepsSurrogatePairWhole() {
        String text = "abcd\uD83D\uDE00efgh";

        assertThat(EmbeddingText.truncate(text, 5)).isEqualTo("abcd");
        assertThat(EmbeddingText.truncate(text, 6)).isEqualTo("abcd\uD83D\uDE00");
    }

    @Test
    void truncateKeepsCombiningMarkWithBase() {
        String text = "abcde\u0301fgh";

        assertThat(EmbeddingText.truncate(text, 5)).isEqualTo("abcd");
        assertThat(EmbeddingText.truncate(text, 6)).isEqualTo("abcde\u0301");
    }
}

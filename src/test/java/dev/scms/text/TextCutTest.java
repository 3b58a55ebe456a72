package dev.scms.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextCutTest {

    private static final String GRINNING = "\uD83D\uDE00";
    private static final String E_ACUTE = "e\u0301";
    /** Man, zero width joiner, laptop: one emoji of five UTF-16 units. */
    private static final String TECHNOLOGIST = "\uD83D\uDC68\u200D\uD83D\uDCBB";

    @Test
    void plainTextCutsAtIndex() {
        assertThat(TextCut.boundaryAtOrBefore("abcdef", 3)).isEqualTo(3);
        assertThat(TextCut.boundaryAtOrBefore("abcdef", 0)).isZero();
        assertThat(TextCut.boundaryAtOrBefore("abc", 10)).isEqualTo(3);
    }

    @Test
    void neverSplitsSurrogatePair() {
        String text = "abc" + GRINNING + "d";

        assertThat(TextCut.boundaryAtOrBefore(text, 4)).isEqualTo(3);
        assertThat(TextCut.boundaryAtOrBefore(text, 5)).isEqualTo(5);
        assertThat(TextCut.head(text, 4)).isEqualTo("abc");
    }

    @Test
    void keepsCombiningMarkWithBase() {
        String text = "caf" + E_ACUTE + " ok";

        assertThat(TextCut.boundaryAtOrBefore(text, 4)).isEqualTo(3);
        assertThat(TextCut.head(text, 4)).isEqualTo("caf");
        assertThat(TextCut.head(text, 5)).isEqualTo("caf" + E_ACUTE);
    }

    @Test
    void keepsJoinedEmojiWhole() {
        String text = "a" + TECHNOLOGIST + "b";

        for (int index = 2; index <= 5; index++) {
            assertThat(TextCut.boundaryAtOrBefore(text, index)).as("cut at %d", index).isEqualTo(1);
        }
        assertThat(TextCut.boundaryAtOrBefore(text, 6)).isEqualTo(6);
    }

    @Test
    void keepsSkinToneAndVariationSelector() {
        String thumbsUpDark = "\uD83D\uDC4D\uD83C\uDFFF";
        String heart = "\u2764\uFE0F";

        assertThat(TextCut.head("a" + thumbsUpDark, 3)).isEqualTo("a");
        assertThat(TextCut.head("a" + heart, 2)).isEqualTo("a");
    }

    @Test
    void singleClusterFallsBackToCodePoint() {
        String text = "e" + "\u0301".repeat(10);

        assertThat(TextCut.boundaryAtOrBefore(text, 5)).isEqualTo(5);
        assertThat(TextCut.boundaryAtOrBefore(GRINNING + "\u0301\u0301", 1)).isZero();
    }

    @Test
    void leadingLowSurrogateIsNotMoved() {
        assertThat(TextCut.boundaryAtOrBefore("\uDE00abc", 0)).isZero();
        assertThat(TextCut.boundaryAtOrBefore("\uDE00abc", 1)).isEqualTo(1);
    }

    @Test
    void negativeIndexIsRejected() {
        assertThatThrownBy(() -> TextCut.boundaryAtOrBefore("abc", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}

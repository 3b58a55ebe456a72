package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {

    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void nulCharacterIsRejectedWithTheFieldName() {
        assertThat(Texts.requireNoNul("text", "plain")).isEqualTo("plain");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Texts.requireNoNul("text", "a\u0000b"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'text'").hasMessageContaining("U+0000");
    }

    @Test
    void hashIgnoresCaseAndWhitespace() {
        String first = Texts.contentHash("pattern", "Close the  connection\nin finally");
        String second = Texts.contentHash("pattern", "  close the connection in FINALLY ");

        assertThat(first).isEqualTo(second);
    }

    @Test
    void hashDiffersAcrossKinds() {
        String pattern = Texts.contentHash("pattern", "Close the connection in finally");
        String bug = Texts.contentHash("bug_pattern", "Close the connection in finally");

        assertThat(pattern).isNotEqualTo(bug);
    }

    @Test
    void hashDiffersForDifferentText() {
        assertThat(Texts.contentHash("pattern", "use WAL mode"))
                .isNotEqualTo(Texts.contentHash("pattern", "use rollback journal"));
    }

    @Test
    void titleIsFirstSentence() {
        assertThat(Texts.deriveTitle("Use WAL mode. It lets readers run beside one writer."))
                .isEqualTo("Use WAL mode");
    }

    @Test
    void titleStopsAtFirstLine() {
        assertThat(Texts.deriveTitle("Pin the driver version\nOtherwise builds drift"))
                .isEqualTo("Pin the driver version");
    }

    @Test
    void titleKeepsTenWords() {
        assertThat(Texts.deriveTitle("one two three four five six seven eight nine ten"))
                .isEqualTo("one two three four five six seven eight nine ten");
    }

    @Test
    void longTitleCutToTenWordsWithEllipsis() {
        String title = Texts.deriveTitle("one two three four five six seven eight nine ten eleven twelve.");

        assertThat(title).isEqualTo("one two three four five six seven eight nine ten …");
    }

    @Test
    void truncateKeepsShortText() {
        assertThat(Texts.truncate("short", 10)).isEqualTo("short");
    }

    @Test
    void truncateAddsEllipsisWithinLimit() {
        String cut = Texts.truncate("abcdefghij", 5);

        assertThat(cut).isEqualTo("abcd…");
        assertThat(cut.length()).isLessThanOrEqualTo(5);
    }

    @Test
    void truncateNeverSplitsSurrogatePair() {
        String text = ("ab" + EMOJI + "c").repeat(6);
        for (int max = 0; max < text.length(); max++) {
            String cut = Texts.truncate(text, max);

            assertThat(Texts.sanitise(cut)).as("cut at %d", max).isEqualTo(cut);
            assertThat(cut.length()).as("length at %d", max).isLessThanOrEqualTo(Math.max(1, max));
        }
    }

    @Test
    void truncateOfOnlyEmojisNeverSplitsPair() {
        String text = EMOJI.repeat(5);
        for (int max = 0; max < text.length(); max++) {
            String cut = Texts.truncate(text, max);

            assertThat(Texts.sanitise(cut)).as("cut at %d", max).isEqualTo(cut);
        }
    }

    @Test
    void sanitiseReplacesLoneHighSurrogate() {
        assertThat(Texts.sanitise("a\uD83Db")).isEqualTo("a\uFFFDb");
    }

    @Test
    void sanitiseReplacesLoneHighSurrogateAtEnd() {
        assertThat(Texts.sanitise("ab\uD83D")).isEqualTo("ab\uFFFD");
    }

    @Test
    void sanitiseReplacesLoneLowSurrogate() {
        assertThat(Texts.sanitise("\uDE00ab")).isEqualTo("\uFFFDab");
    }

    @Test
    void sanitiseReplacesReversedPair() {
        assertThat(Texts.sanitise("\uDE00\uD83D")).isEqualTo("\uFFFD\uFFFD");
    }

    @Test
    void sanitiseKeepsValidPairs() {
        String text = "ok " + EMOJI + EMOJI + " done";

        assertThat(Texts.sanitise(text)).isSameAs(text);
    }

    @Test
    void sanitiseKeepsPairNextToLoneSurrogate() {
        assertThat(Texts.sanitise("\uD83D" + EMOJI)).isEqualTo("\uFFFD" + EMOJI);
    }

    @Test
    void truncateKeepsCombiningMarkWithBase() {
        String text = "abcde\u0301fgh";

        assertThat(Texts.truncate(text, 6)).isEqualTo("abcd…");
        assertThat(Texts.truncate(text, 7)).isEqualTo("abcde\u0301…");
    }

    @Test
    void truncateKeepsJoinedEmojiWhole() {
        String technologist = "\uD83D\uDC68\u200D\uD83D\uDCBB";
        String text = "ab" + technologist + "cd";

        for (int max = 4; max <= 7; max++) {
            assertThat(Texts.truncate(text, max)).as("cut to %d", max).isEqualTo("ab…");
        }
    }
}

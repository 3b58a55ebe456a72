package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextTableTest {

    private static TextTable table() {
        return new TextTable(List.of("ID", "KIND", "TITLE"), 2, Set.of(0));
    }

    @Test
    void columnsAlignUnderHeaders() {
        String text = table().add(7, "pattern", "Enable WAL").add(12, "rule", "Pin Gradle").render(80);

        assertThat(text).isEqualTo("""
                ID  KIND     TITLE
                 7  pattern  Enable WAL
                12  rule     Pin Gradle
                """);
    }

    @Test
    void longTitleEndsInEllipsisAtMaxWidth() {
        String title = "A title that is far too long for a narrow terminal window";

        String[] lines = table().add(1, "pattern", title).render(30).split("\n");

        assertThat(lines[1]).hasSize(30).endsWith("…").startsWith(" 1  pattern  A title");
    }

    @Test
    void shortTableIsNotCut() {
        String text = table().add(1, "rule", "Short").render(20);

        assertThat(text).contains("Short").doesNotContain("…");
    }

    @Test
    void flexibleColumnKeepsMinimumWidth() {
        String[] lines = table().add(1, "pattern", "x".repeat(40)).render(5).split("\n");

        assertThat(lines[1]).isEqualTo(" 1  pattern  " + "x".repeat(11) + "…");
    }

    @Test
    void wideCharactersCountTwoColumns() {
        String text = new TextTable(List.of("TITLE", "ID"), 0, Set.of()).add("日本語", 1).add("abc", 2).render(80);

        assertThat(text.split("\n")).containsExactly("TITLE   ID", "日本語  1", "abc     2");
    }

    @Test
    void truncationNeverSplitsSurrogatePair() {
        String cut = TextTable.truncate("ab🎉🎉🎉", 5);

        assertThat(cut).isEqualTo("ab🎉…");
        assertThat(DisplayWidth.of(cut)).isEqualTo(5);
    }

    @Test
    void controlCharactersAndLineBreaksRemoved() {
        String text = table().add(1, "pattern", "red\u001b[31m\nnext\u202eline").render(80);

        assertThat(text.split("\n")[1]).isEqualTo(" 1  pattern  red[31m nextline");
    }

    @Test
    void linesHaveNoTrailingBlanks() {
        String text = new TextTable(List.of("TITLE", "NOTE"), 0, Set.of()).add("long title here", "").render(80);

        assertThat(text.lines()).allSatisfy(line -> assertThat(line).doesNotEndWith(" "));
    }

    @Test
    void rowOfWrongSizeRejected() {
        assertThatThrownBy(() -> table().add(1, "rule")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 cells").hasMessageContaining("3 columns");
    }

    @Test
    void unknownFlexibleColumnRejected() {
        assertThatThrownBy(() -> new TextTable(List.of("ID"), 3, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flexible column 3");
    }

    @Test
    void truncateKeepsJoinedEmojiWhole() {
        String technologist = "\uD83D\uDC68\u200D\uD83D\uDCBB";

        assertThat(TextTable.truncate("ab" + technologist + "cdef", 5)).isEqualTo("ab…");
    }

    @Test
    void truncateKeepsCombiningMarkWithBase() {
        assertThat(TextTable.truncate("abe\u0301\u0301cdef", 4)).isEqualTo("abe\u0301\u0301…");
    }
}

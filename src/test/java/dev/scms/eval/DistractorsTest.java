package dev.scms.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.core.RememberRequest;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DistractorsTest {

    @Test
    void countOutsideRangeIsRejected() {
        assertThatThrownBy(() -> Distractors.generate(0, 42)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--generate-distractors must lie between 1 and 100000, got 0");
        assertThatThrownBy(() -> Distractors.generate(100_001, 42)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 100001");
    }

    @Test
    void sameSeedGivesSameNotes() {
        List<RememberRequest> first = Distractors.generate(300, 7);
        List<RememberRequest> second = Distractors.generate(300, 7);

        assertThat(first).isEqualTo(second);
        assertThat(Distractors.generate(300, 8)).isNotEqualTo(first);
    }

    @Test
    void hundredThousandNotesAreDistinct() {
        List<RememberRequest> notes = Distractors.generate(Distractors.MAX_GENERATED, 42);

        Set<String> texts = new HashSet<>();
        notes.forEach(note -> texts.add(note.text()));
        assertThat(texts).hasSize(Distractors.MAX_GENERATED);
        assertThat(notes.get(0).externalId()).contains("gd000001");
        assertThat(notes.get(notes.size() - 1).externalId()).contains("gd100000");
        assertThat(notes).allSatisfy(note -> assertThat(note.text().split("\\s+").length).isBetween(15, 70));
    }

    @Test
    void spreadKeepsDatesWithinDataset() {
        List<RememberRequest> dated = List.of(TimelineTest.memory("a", Instant.parse("2024-01-01T00:00:00Z")),
                TimelineTest.memory("b", Instant.parse("2024-03-01T00:00:00Z")));

        List<RememberRequest> spread = Distractors.spreadOver(Distractors.generate(50, 1), dated);

        assertThat(spread).allSatisfy(note -> assertThat(note.createdAt().orElseThrow()).isBetween(
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-03-01T00:00:00Z")));
        assertThat(spread.get(0).createdAt()).contains(Instant.parse("2024-01-01T00:00:00Z"));
    }
}

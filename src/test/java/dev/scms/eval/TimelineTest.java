package dev.scms.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.core.RememberRequest;
import dev.scms.model.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final Instant DAY1 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant DAY2 = Instant.parse("2024-01-02T00:00:00Z");
    private static final Instant DAY3 = Instant.parse("2024-01-03T00:00:00Z");

    @Test
    void queriesSplitMemoriesIntoBatches() {
        List<Timeline.Step> steps = Timeline.of(List.of(memory("a", DAY1), memory("b", DAY3), memory("c", DAY2)),
                List.of(query("q", DAY2)));

        assertThat(steps).hasSize(3);
        assertThat(ids(steps.get(0))).containsExactly("a", "c");
        assertThat(steps.get(1).query()).map(EvalQuery::id).contains("q");
        assertThat(ids(steps.get(2))).containsExactly("b");
        assertThat(steps.get(2).at()).isEqualTo(DAY3);
    }

    @Test
    void undatedQueryComesAfterLastMemory() {
        List<Timeline.Step> steps = Timeline.of(List.of(memory("a", DAY2)), List.of(new EvalQuery("q", "text",
                List.of("a"), Optional.empty())));

        assertThat(steps).extracting(step -> step.query().isPresent()).containsExactly(false, true);
        assertThat(steps.get(1).at()).isEqualTo(DAY2);
    }

    @Test
    void undatedMemoryIsDatedAtEpoch() {
        RememberRequest undated = new RememberRequest("text", Optional.empty(), Kind.PATTERN, Optional.empty(), "",
                List.of(), 0.5, Map.of(), Optional.empty(), Optional.of("u"));

        List<Timeline.Step> steps = Timeline.of(List.of(undated, memory("a", DAY1)), List.of());

        assertThat(steps).hasSize(1);
        assertThat(steps.get(0).memories().get(0).createdAt()).contains(Instant.EPOCH);
    }

    static RememberRequest memory(String id, Instant date) {
        return new RememberRequest("memory " + id, Optional.empty(), Kind.BUG_PATTERN, Optional.empty(), "",
                List.of(), 0.5, Map.of(), Optional.of(date), Optional.of(id));
    }

    private static EvalQuery query(String id, Instant date) {
        return new EvalQuery(id, "query " + id, List.of("a"), Optional.of(date));
    }

    private static List<String> ids(Timeline.Step step) {
        return step.memories().stream().map(memory -> memory.externalId().orElseThrow()).toList();
    }
}

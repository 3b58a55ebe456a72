package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.core.Diversity;
import dev.scms.core.RetrieveResult;
import dev.scms.core.SessionDashboard;
import dev.scms.core.StatsResult;
import dev.scms.model.ProjectKey;
import dev.scms.router.Dropout;
import dev.scms.store.SessionTotals;
import dev.scms.store.StoreCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatsViewTest {

    private static final Instant STARTED = Instant.parse("2025-01-06T09:00:00Z");

    private static SessionDashboard session(boolean alert) {
        return new SessionDashboard("session-7", "claude-code", "2.1.0", STARTED, 3, 7, 5, 1,
                List.of(new SessionDashboard.RecentRetrieval(12, "acme", "pool exhausted", List.of(4L, 9L),
                        STARTED.plusSeconds(60))),
                2, 1, 1, 0, new Diversity(alert ? 0.1 : 0.8, 25, 100, 0.3, alert));
    }

    /** 40 retrievals returning 3 of 60 memories on average, 300 of 2400 tokens. */
    private static StatsResult stats(boolean alert) {
        return new StatsResult(Optional.of(new ProjectKey("acme")),
                new StoreCounts(60, 2, Map.of("L0", 55, "L1", 5), Map.of("pattern", 60), 9, 40, 1), 100, 40, 0.05,
                alert ? 0.1 : 0.8, 300.0, 2400, "model ready.", "/tmp/scms.db", 3.0, 60.0, 0.3, alert,
                session(alert), new SessionTotals(4, 30, 90, 6, 5, 2, 1));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** Returns the paths of null values anywhere in the structure. */
    private static List<String> nullPaths(Object value, String path) {
        List<String> paths = new ArrayList<>();
        if (value == null) {
            paths.add(path);
        } else if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, child) -> paths.addAll(nullPaths(child, path + "." + key)));
        } else if (value instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                paths.addAll(nullPaths(items.get(i), path + "[" + i + "]"));
            }
        }
        return paths;
    }

    @Test
    void structuredStatsHaveNoNulls() {
        assertThat(nullPaths(StatsView.structured(stats(false)), "$")).isEmpty();
        assertThat(nullPaths(StatsView.structured(stats(true)), "$")).isEmpty();
    }

    @Test
    void recentWindowShowsSparsityAndTokens() {
        Map<String, Object> recent = map(StatsView.structured(stats(false)).get("recent"));

        assertThat(recent).containsEntry("retrievals", 40);
        assertThat(recent).containsEntry("size", 100);
        assertThat(recent).containsEntry("mean_returned", 3.0);
        assertThat(recent).containsEntry("mean_considered", 60.0);
        assertThat(recent).containsEntry("mean_sparsity", 0.05);
        assertThat(recent).containsEntry("mean_tokens_returned", 300.0);
        assertThat(recent).containsEntry("tokens_in_scope", 2400);
        assertThat(recent).containsEntry("token_ratio", 0.125);
        assertThat(recent).containsEntry("tokens_saved_per_retrieval", 2100.0);
        assertThat(recent).containsEntry("tokens_saved_share", 0.875);
        assertThat(recent).containsEntry("entropy_alert", false);
        assertThat(recent).containsEntry("entropy_alert_threshold", 0.3);
        assertThat(recent).containsEntry("entropy_alert_min_retrievals", 20);
    }

    @Test
    void sessionRenderedAsObject() {
        Map<String, Object> session = map(StatsView.structured(stats(true)).get("session"));

        assertThat(session).containsEntry("started_at", "2025-01-06T09:00:00Z");
        assertThat(session).containsEntry("retrievals", 3);
        assertThat(session).containsEntry("memories_returned", 7);
        assertThat(session).containsEntry("distinct_memories_returned", 5);
        assertThat(session).containsEntry("dropouts", 1);
        assertThat(session).containsEntry("uses_recorded", 2);
        assertThat(session).containsEntry("helpful_uses", 1);
        assertThat(session).containsEntry("failures_logged", 1);
        assertThat(session).containsEntry("failures_rediscovered", 0);
        assertThat(session).containsEntry("selection_entropy", 0.1);
        assertThat(session).containsEntry("entropy_retrievals", 25);
        assertThat(session).containsEntry("entropy_alert", true);
        List<?> recent = (List<?>) session.get("recent");
        assertThat(map(recent.get(0))).containsEntry("retrieval_id", 12L);
        assertThat(map(recent.get(0))).containsEntry("returned_ids", List.of(4L, 9L));
    }

    @Test
    void sessionNamesKeyAndClient() {
        Map<String, Object> session = map(StatsView.structured(stats(false)).get("session"));

        assertThat(session).containsEntry("session_key", "session-7");
        assertThat(session).containsEntry("client_name", "claude-code");
        assertThat(session).containsEntry("client_version", "2.1.0");
    }

    @Test
    void pastSessionsShowTotals() {
        Map<String, Object> past = map(StatsView.structured(stats(false)).get("past_sessions"));

        assertThat(past).containsEntry("sessions", 4);
        assertThat(past).containsEntry("retrievals", 30);
        assertThat(past).containsEntry("uses", 6);
        assertThat(past).containsEntry("helpful_uses", 5);
        assertThat(past).containsEntry("failures_logged", 2);
        assertThat(past).containsEntry("failures_rediscovered", 1);
        assertThat(StatsView.markdown(stats(false))).contains("Ended sessions: 4, with 30 retrievals, 6 uses (5 "
                + "helpful) and 2 failures logged (1 re-discovered).");
    }

    @Test
    void markdownExplainsTokensAndAlert() {
        String quiet = StatsView.markdown(stats(false));
        String alert = StatsView.markdown(stats(true));

        assertThat(quiet).contains("3.0 of 60.0 memories in scope returned on average");
        assertThat(quiet).contains("300 returned per retrieval against 2400", "2100 saved per retrieval (87.5%)");
        assertThat(quiet).doesNotContain("Diversity alert");
        assertThat(quiet).contains("no diversity alert");
        assertThat(alert).contains("Diversity alert", "load_balancing", "dropout");
        assertThat(alert).contains("diversity alert raised");
    }

    @Test
    void retrieveShowsDropoutOnlyWhenItHappened() {
        Map<String, Object> dropped = ResultViews.retrieve(retrieval(Optional.of(new Dropout.Choice(4, 9))));
        Map<String, Object> kept = ResultViews.retrieve(retrieval(Optional.empty()));

        assertThat(map(dropped.get("dropout"))).containsEntry("dropped_id", 4L).containsEntry("replacement_id", 9L);
        assertThat(ResultViews.retrieveMarkdown(retrieval(Optional.of(new Dropout.Choice(4, 9)))))
                .contains("dropout left out memory 4", "in favour of memory 9");
        assertThat(kept).doesNotContainKey("dropout");
        assertThat(kept).containsEntry("routing", "hierarchical");
        assertThat(map(kept.get("counts"))).containsEntry("scored", 12);
        assertThat(nullPaths(dropped, "$")).isEmpty();
    }

    private static RetrieveResult retrieval(Optional<Dropout.Choice> dropout) {
        return new RetrieveResult(Optional.of(5L), new ProjectKey("acme"), List.of(), List.of(), List.of(), 40, 6, 0, "hybrid",
                Optional.empty(), dropout, "hierarchical", 12);
    }
}

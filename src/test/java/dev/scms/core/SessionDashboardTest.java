package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.model.Kind;
import dev.scms.model.Outcome;
import dev.scms.promotion.StaticPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionDashboardTest extends HarnessTest {

    @Test
    void freshSessionIsEmpty() {
        SessionDashboard session = harness.scms.session(ScmsHarness.SESSION);

        assertThat(session.startedAt()).isEqualTo(ScmsHarness.START);
        assertThat(session.retrievals()).isZero();
        assertThat(session.recent()).isEmpty();
        assertThat(session.diversity().retrievals()).isZero();
        assertThat(session.diversity().alert()).isFalse();
    }

    @Test
    void recordsRetrievalsUsesAndFailures() {
        long wal = harness.remember("Enable WAL journal mode in SQLite.", Kind.PATTERN, Optional.empty()).memory().id();
        long grid = harness.remember("Prefer CSS grid over floats for page layout.", Kind.PATTERN, Optional.empty())
                .memory().id();
        RetrieveResult first = harness.retrieve("sqlite wal journal mode", "acme");
        RetrieveResult second = harness.retrieve("sqlite wal journal and css grid layout", "acme");
        harness.scms.recordUse(new UseRequest(wal, Outcome.HELPFUL, first.retrievalId(),
                Optional.of("alice"), Optional.empty(), "", "session-1"), harness.context);
        harness.scms.recordUse(new UseRequest(wal, Outcome.HELPFUL, first.retrievalId(),
                Optional.of("alice"), Optional.empty(), "", "session-1"), harness.context);
        harness.use(grid, "alice", "acme", Outcome.NOT_HELPFUL);
        harness.logFailure(Kind.BUG_PATTERN, "Pool exhausted", "Requests hang", "Leaked result set", "Close it",
                "acme");
        harness.logFailure(Kind.BUG_PATTERN, "Pool exhausted", "Requests hang", "Leaked result set", "Close it",
                "acme");

        SessionDashboard session = harness.scms.session(ScmsHarness.SESSION);

        assertThat(session.retrievals()).isEqualTo(2);
        assertThat(session.memoriesReturned()).isEqualTo(first.returned() + second.returned());
        assertThat(session.distinctMemoriesReturned()).isEqualTo(2);
        assertThat(session.dropouts()).isZero();
        assertThat(session.usesRecorded()).isEqualTo(2);
        assertThat(session.helpfulUses()).isEqualTo(1);
        assertThat(session.failuresLogged()).isEqualTo(2);
        assertThat(session.failuresRediscovered()).isEqualTo(1);
        assertThat(session.recent()).extracting(SessionDashboard.RecentRetrieval::retrievalId)
                .containsExactly(second.retrievalId().orElseThrow(), first.retrievalId().orElseThrow());
        assertThat(session.recent().get(1).query()).isEqualTo("sqlite wal journal mode");
        assertThat(session.recent().get(1).returnedIds()).isEqualTo(first.returnedIds());
        assertThat(session.recent().get(1).project()).isEqualTo("acme");
        assertThat(session.diversity().retrievals()).isEqualTo(2);
    }

    @Test
    void recentKeepsLatestRetrievals() {
        harness.remember("Enable WAL journal mode in SQLite.", Kind.PATTERN, Optional.empty());
        for (int i = 0; i < SessionRecorder.RECENT + 5; i++) {
            harness.retrieve("sqlite wal journal mode query " + i, "acme");
        }

        List<SessionDashboard.RecentRetrieval> recent = harness.scms.session(ScmsHarness.SESSION).recent();

        assertThat(recent).hasSize(SessionRecorder.RECENT);
        assertThat(recent.get(0).query()).endsWith("query " + (SessionRecorder.RECENT + 4));
        assertThat(harness.scms.session(ScmsHarness.SESSION).retrievals()).isEqualTo(SessionRecorder.RECENT + 5);
    }

    @Test
    void longQueryIsCutToOneLine() {
        String query = "java.lang.IllegalStateException: pool exhausted\n\tat Pool.take(Pool.java:42)\n".repeat(10);

        harness.retrieve(query, "acme");

        String kept = harness.scms.session(ScmsHarness.SESSION).recent().get(0).query();
        assertThat(kept).doesNotContain("\n");
        assertThat(kept).hasSizeLessThanOrEqualTo(SessionRecorder.QUERY_CHARS);
        assertThat(kept).endsWith("…");
    }

    @Test
    void dropoutCountedInSession() {
        harness.close();
        harness = ScmsHarness.open(temp.resolve("dropout"), StaticPolicy.defaults(), Map.of("dropout", "1"));
        for (int i = 1; i <= 3; i++) {
            long id = harness.remember("SQLite WAL journal mode tip number " + i + " for readers.", Kind.PATTERN,
                    Optional.empty()).memory().id();
            // Dropout only drops a pick with helpful uses.
            harness.use(id, "ann", "acme", Outcome.HELPFUL);
        }

        RetrieveResult result = harness.retrieve("sqlite wal journal mode readers", "acme", 1, 2000);

        assertThat(result.dropout()).isPresent();
        assertThat(harness.scms.session(ScmsHarness.SESSION).dropouts()).isEqualTo(1);
        assertThat(harness.scms.session(ScmsHarness.SESSION).memoriesReturned()).isEqualTo(1);
    }
}

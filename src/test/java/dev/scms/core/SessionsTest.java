package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.model.Kind;
import dev.scms.model.Outcome;
import dev.scms.model.ProjectKey;
import dev.scms.promotion.StaticPolicy;
import dev.scms.store.SessionSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionsTest {

    @TempDir
    Path temp;

    private ScmsHarness harness;
    private long wal;

    @BeforeEach
    void setUp() {
        harness = ScmsHarness.open(temp, StaticPolicy.defaults(), Map.of());
        wal = harness.remember("Enable WAL journal mode in SQLite.", Kind.PATTERN, Optional.empty()).memory().id();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void eachKeyHasItsOwnLayer() {
        retrieve("sqlite wal journal mode", "acme", "a");
        retrieve("sqlite wal journal mode again", "acme", "a");
        retrieve("sqlite wal journal mode", "acme", "b");

        assertThat(harness.scms.session("a").retrievals()).isEqualTo(2);
        assertThat(harness.scms.session("b").retrievals()).isEqualTo(1);
        assertThat(harness.scms.session("c").retrievals()).isZero();
        assertThat(harness.scms.session("a").key()).isEqualTo("a");
    }

    @Test
    void usesAndFailuresGoToCallingSession() {
        RetrieveResult result = retrieve("sqlite wal journal mode", "acme", "a");
        harness.scms.recordUse(new UseRequest(wal, Outcome.HELPFUL, result.retrievalId(),
                Optional.of("ann"), Optional.of("acme"), "", "b"), harness.context);
        harness.scms.logFailure(new FailureRequest(Kind.BUG_PATTERN, "Pool exhausted", Optional.of("hang"),
                Optional.empty(), Optional.empty(), Optional.of("acme"), "", List.of(), true), harness.context, "b");

        assertThat(harness.scms.session("a").usesRecorded()).isZero();
        assertThat(harness.scms.session("b").usesRecorded()).isEqualTo(1);
        assertThat(harness.scms.session("b").failuresLogged()).isEqualTo(1);
        assertThat(harness.scms.session("a").failuresLogged()).isZero();
    }

    @Test
    void endStoresSummaryRowOnce() {
        harness.scms.sessions().open("a", "claude-code", "2.1.0");
        RetrieveResult result = retrieve("sqlite wal journal mode", "acme", "a");
        harness.scms.recordUse(new UseRequest(wal, Outcome.HELPFUL, result.retrievalId(),
                Optional.of("ann"), Optional.of("acme"), "", "a"), harness.context);
        harness.clock.advance(Duration.ofMinutes(5));

        Optional<SessionSummary> ended = harness.scms.sessions().end("a");
        Optional<SessionSummary> again = harness.scms.sessions().end("a");

        assertThat(ended).isPresent();
        assertThat(again).isEmpty();
        List<SessionSummary> rows = harness.store.recentSessions(10, Optional.empty());
        assertThat(rows).hasSize(1);
        SessionSummary row = rows.get(0);
        assertThat(row.sessionKey()).isEqualTo("a");
        assertThat(row.clientName()).isEqualTo("claude-code");
        assertThat(row.clientVersion()).isEqualTo("2.1.0");
        assertThat(row.project()).contains(new ProjectKey("acme"));
        assertThat(row.startedAt()).isEqualTo(ScmsHarness.START);
        assertThat(row.endedAt()).isEqualTo(ScmsHarness.START.plus(Duration.ofMinutes(5)));
        assertThat(row.retrievals()).isEqualTo(1);
        assertThat(row.memoriesReturned()).isEqualTo(result.returned());
        assertThat(row.distinctMemories()).isEqualTo(result.returned());
        assertThat(row.uses()).isEqualTo(1);
        assertThat(row.helpfulUses()).isEqualTo(1);
    }

    @Test
    void endedSessionStartsAfresh() {
        retrieve("sqlite wal journal mode", "acme", "a");
        harness.scms.sessions().end("a");

        assertThat(harness.scms.session("a").retrievals()).isZero();
        assertThat(harness.scms.sessions().openKeys()).containsExactly("a");
    }

    @Test
    void sessionWithoutRequestsHasNoRow() {
        assertThat(harness.scms.sessions().end("never-opened")).isEmpty();
        assertThat(harness.store.recentSessions(10, Optional.empty())).isEmpty();
    }

    @Test
    void emptyKeyIsNeverStored() {
        retrieve("sqlite wal journal mode", "acme", "");

        assertThat(harness.scms.sessions().end("")).isEmpty();
        assertThat(harness.store.recentSessions(10, Optional.empty())).isEmpty();
    }

    @Test
    void endAllStoresEveryOpenSession() {
        harness.scms.sessions().open("a", "", "");
        retrieve("sqlite wal journal mode", "acme", "b");

        List<SessionSummary> stored = harness.scms.sessions().endAll();

        assertThat(stored).extracting(SessionSummary::sessionKey).containsExactlyInAnyOrder("a", "b");
        assertThat(harness.scms.sessions().openKeys()).isEmpty();
        assertThat(harness.store.recentSessions(10, Optional.empty())).hasSize(2);
        SessionSummary idle = harness.store.recentSessions(10, Optional.empty()).stream()
                .filter(row -> row.sessionKey().equals("a")).findFirst().orElseThrow();
        assertThat(idle.project()).isEmpty();
        assertThat(idle.clientName()).isEmpty();
    }

    @Test
    void statsShowCallingSessionAndPastTotals() {
        retrieve("sqlite wal journal mode", "acme", "a");
        harness.scms.sessions().end("a");
        retrieve("sqlite wal journal mode", "acme", "b");
        retrieve("sqlite wal again", "acme", "b");

        StatsResult stats = harness.scms.stats(Optional.of("acme"), harness.context, "b");

        assertThat(stats.session().key()).isEqualTo("b");
        assertThat(stats.session().retrievals()).isEqualTo(2);
        assertThat(stats.pastSessions().sessions()).isEqualTo(1);
        assertThat(stats.pastSessions().retrievals()).isEqualTo(1);
    }

    private RetrieveResult retrieve(String query, String project, String session) {
        return harness.scms.retrieve(new RetrieveRequest(query, Optional.of(project), 5, Set.of(), Set.of(), 2000,
                session), harness.context);
    }
}

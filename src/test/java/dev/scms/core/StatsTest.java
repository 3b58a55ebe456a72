package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scms.model.Kind;
import dev.scms.promotion.StaticPolicy;
import dev.scms.store.RetrievalRecord;
import dev.scms.store.SessionTotals;
import dev.scms.store.StoreCounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatsTest extends HarnessTest {

    private static RetrievalRecord retrieval(Long... ids) {
        return new RetrievalRecord(0, "s", Optional.empty(), "q", List.of(ids), 10, 100, Instant.EPOCH);
    }

    @Test
    void countsByLayerAndKind() {
        harness.remember("Enable WAL journal mode in SQLite.", Kind.PATTERN, Optional.empty());
        harness.remember("Prefer CSS grid over floats.", Kind.PATTERN, Optional.empty());
        harness.remember("Use tabs in the acme code base.", Kind.RULE, Optional.of("acme"));
        harness.logFailure(Kind.BUG_PATTERN, "Pool exhausted", "Requests hang", "Leaked result set", "Close it",
                "acme");

        StoreCounts counts = harness.scms.stats(Optional.empty(), harness.context).counts();

        assertThat(counts.active()).isEqualTo(4);
        assertThat(counts.byLayer()).containsEntry("L0", 3);
        assertThat(counts.byLayer()).containsEntry("L1", 1);
        assertThat(counts.byKind()).containsEntry("pattern", 2);
        assertThat(counts.byKind()).containsEntry("rule", 1);
        assertThat(counts.byKind()).containsEntry("bug_pattern", 1);
        assertThat(counts.byKind()).containsEntry("edge_case", 0);
    }

    @Test
    void archivedCountedSeparately() {
        long id = harness.remember("Enable WAL journal mode in SQLite.", Kind.PATTERN, Optional.empty()).memory().id();
        harness.scms.forgetter().forget(id, "obsolete");

        StoreCounts counts = harness.scms.stats(Optional.empty(), harness.context).counts();

        assertThat(counts.active()).isZero();
        assertThat(counts.archived()).isEqualTo(1);
    }

    @Test
    void retrievalsCountedInWindow() {
        harness.remember("Enable WAL journal mode in SQLite.", Kind.PATTERN, Optional.empty());
        harness.retrieve("sqlite wal journal mode", "acme");
        harness.retrieve("sqlite wal journal mode", "acme");

        StatsResult stats = harness.scms.stats(Optional.empty(), harness.context);

        assertThat(stats.retrievalsInWindow()).isEqualTo(2);
        assertThat(stats.meanSparsity()).isEqualTo(1.0);
    }

    @Test
    void entropyMatchesHandComputation() {
        // ids 1, 1, 2, 3: p = 1/2, 1/4, 1/4, so H = 1.5 ln 2, divided by ln 4 (four selections).
        double entropy = StatsService.entropy(List.of(retrieval(1L, 2L), retrieval(1L, 3L)));

        assertThat(entropy).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void entropyOfAllDistinctIsOne() {
        assertThat(StatsService.entropy(List.of(retrieval(1L, 2L), retrieval(3L, 4L)))).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void entropyOfSameMemoryIsZero() {
        assertThat(StatsService.entropy(List.of(retrieval(7L), retrieval(7L), retrieval(7L)))).isZero();
    }

    @Test
    void entropyOfNoRetrievalsIsZero() {
        assertThat(StatsService.entropy(List.of())).isZero();
    }

    @Test
    void windowFollowsEntropyWindowSetting() {
        harness.close();
        harness = ScmsHarness.open(temp.resolve("window"), StaticPolicy.defaults(), Map.of("entropy_window", "20"));
        harness.remember("Enable WAL journal mode in SQLite.", Kind.PATTERN, Optional.empty());
        for (int i = 0; i < 25; i++) {
            harness.retrieve("sqlite wal journal mode", "acme");
        }

        StatsResult stats = harness.scms.stats(Optional.empty(), harness.context);

        assertThat(stats.window()).isEqualTo(20);
        assertThat(stats.retrievalsInWindow()).isEqualTo(20);
        assertThat(stats.counts().retrievals()).isEqualTo(25);
    }

    @Test
    void alertNeedsMinimumRetrievals() {
        harness.remember("Enable WAL journal mode in SQLite.", Kind.PATTERN, Optional.empty());
        // A second memory in scope that never comes back, so one memory returned is a collapse.
        harness.remember("Pin GitHub Actions to commit hashes.", Kind.PATTERN, Optional.empty());
        for (int i = 0; i < 19; i++) {
            harness.retrieve("sqlite wal journal mode", "acme");
        }

        StatsResult before = harness.scms.stats(Optional.empty(), harness.context);
        harness.retrieve("sqlite wal journal mode", "acme");
        StatsResult after = harness.scms.stats(Optional.empty(), harness.context);

        assertThat(before.selectionEntropy()).isZero();
        assertThat(before.entropyAlert()).isFalse();
        assertThat(after.retrievalsInWindow()).isEqualTo(20);
        assertThat(after.entropyAlert()).isTrue();
        assertThat(after.entropyThreshold()).isEqualTo(0.3);
        assertThat(after.session().diversity().alert()).isTrue();
    }

    @Test
    void zeroAlertThresholdSwitchesAlertOff() {
        harness.close();
        harness = ScmsHarness.open(temp.resolve("off"), StaticPolicy.defaults(), Map.of("entropy_alert", "0"));
        harness.remember("Enable WAL journal mode in SQLite.", Kind.PATTERN, Optional.empty());
        for (int i = 0; i < 20; i++) {
            harness.retrieve("sqlite wal journal mode", "acme");
        }

        StatsResult stats = harness.scms.stats(Optional.empty(), harness.context);

        assertThat(stats.entropyAlert()).isFalse();
        assertThat(stats.session().diversity().alert()).isFalse();
    }

    @Test
    void meansOfReturnedAndConsidered() {
        harness.remember("Enable WAL journal mode in SQLite.", Kind.PATTERN, Optional.empty());
        harness.remember("Prefer CSS grid over floats for page layout.", Kind.PATTERN, Optional.empty());
        harness.retrieve("sqlite wal journal mode", "acme");
        harness.retrieve("css grid floats page layout", "acme");
        harness.retrieve("unrelated kubernetes helm chart", "acme");

        StatsResult stats = harness.scms.stats(Optional.empty(), harness.context);

        assertThat(stats.meanReturned()).isCloseTo(2.0 / 3.0, within(1e-9));
        assertThat(stats.meanConsidered()).isEqualTo(2.0);
        assertThat(stats.meanSparsity()).isCloseTo(1.0 / 3.0, within(1e-9));
        assertThat(stats.meanTokensReturned()).isPositive();
        assertThat(stats.tokensInScope()).isGreaterThan((int) stats.meanTokensReturned());
    }

    @Test
    void tokenEconomicsMatchHandComputation() {
        // 250 tokens returned on average against 1000 in scope: ratio 0.25, 750 saved, share 0.75.
        StatsResult stats = result(5, 250.0, 1000);

        assertThat(stats.tokenRatio()).isEqualTo(0.25);
        assertThat(stats.tokensSavedPerRetrieval()).isEqualTo(750.0);
        assertThat(stats.tokensSavedShare()).isEqualTo(0.75);
    }

    @Test
    void tokenEconomicsWithoutRetrievalsAreZero() {
        StatsResult stats = result(0, 0.0, 1000);

        assertThat(stats.tokenRatio()).isZero();
        assertThat(stats.tokensSavedPerRetrieval()).isZero();
        assertThat(stats.tokensSavedShare()).isZero();
    }

    @Test
    void tokenEconomicsOfEmptyScopeAreZero() {
        StatsResult stats = result(3, 0.0, 0);

        assertThat(stats.tokenRatio()).isZero();
        assertThat(stats.tokensSavedPerRetrieval()).isZero();
        assertThat(stats.tokensSavedShare()).isZero();
    }

    private static StatsResult result(int retrievals, double meanTokensReturned, int tokensInScope) {
        return new StatsResult(Optional.empty(), new StoreCounts(0, 0, Map.of(), Map.of(), 0, retrievals, 0), 100,
                retrievals, 0.1, 0.5, meanTokensReturned, tokensInScope, "ready", "memory", 1.0, 10.0, 0.3, false,
                new SessionDashboard("", "", "", Instant.EPOCH, 0, 0, 0, 0, List.of(), 0, 0, 0, 0,
                        new Diversity(0.0, 0, 100, 0.3, false)), SessionTotals.NONE);
    }
}

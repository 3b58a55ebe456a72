package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scms.model.Kind;
import dev.scms.model.ProjectKey;
import dev.scms.promotion.StaticPolicy;
import dev.scms.store.RetrievalRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrievalTest extends HarnessTest {

    private static final String WAL = "Enable WAL journal mode in SQLite so readers never block the single writer.";
    private static final String WAL_QUERY = "sqlite wal journal mode readers writer";

    private long rememberGlobal(String text) {
        return harness.remember(text, Kind.PATTERN, Optional.empty()).memory().id();
    }

    @Test
    void cosineIsThatOfTheBestMatchingSentence() {
        rememberGlobal("Gradle builds pick the wrong JDK on CI. Configure a toolchain with languageVersion 17.");

        RetrieveResult result = harness.retrieve("Configure a toolchain with languageVersion 17.", "acme");

        assertThat(result.memories()).hasSize(1);
        assertThat(result.memories().get(0).breakdown().cos()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void titleMatchesOnItsOwn() {
        harness.scms.remember(new RememberRequest("Raise session.timeout.ms. Give the heap more room.",
                Optional.of("Kafka consumer rebalance storm caused by long GC pauses"), Kind.PATTERN, Optional.empty(),
                "", List.of(), 0.5, Map.of(), Optional.empty(), Optional.empty()), harness.context);

        RetrieveResult result = harness.retrieve("Kafka consumer rebalance storm caused by long GC pauses", "acme");

        assertThat(result.memories()).hasSize(1);
        assertThat(result.memories().get(0).breakdown().cos()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void sentencesEmbeddedAfterModelLoads(@TempDir Path other) {
        ScmsHarness loading = ScmsHarness.lexicalOnly(other, StaticPolicy.defaults());
        loading.remember("Gradle builds pick the wrong JDK on CI. Configure a toolchain with languageVersion 17.",
                Kind.PATTERN, Optional.empty());
        loading.close();

        ScmsHarness ready = ScmsHarness.open(other, StaticPolicy.defaults(), Map.of());
        try {
            RetrieveResult result = ready.retrieve("Configure a toolchain with languageVersion 17.", "acme");

            assertThat(result.memories()).hasSize(1);
            assertThat(result.memories().get(0).breakdown().cos()).isCloseTo(1.0, within(1e-6));
        } finally {
            ready.close();
        }
    }

    @Test
    void relatedQueryFindsMemory() {
        long id = rememberGlobal(WAL);

        RetrieveResult result = harness.retrieve(WAL_QUERY, "acme");

        assertThat(ScmsHarness.ids(result.memories())).containsExactly(id);
        assertThat(result.mode()).isEqualTo("hybrid");
        assertThat(result.notice()).isEmpty();
    }

    @Test
    void scoreBreakdownExplainsPick() {
        rememberGlobal(WAL);

        RetrievedMemory item = harness.retrieve(WAL_QUERY, "acme").memories().get(0);

        assertThat(item.breakdown().cos()).isGreaterThan(0.3);
        assertThat(item.breakdown().rel()).isGreaterThanOrEqualTo(0.3);
    }

    @Test
    void unrelatedQueryReturnsNothingForHeavilyUsedMemory() {
        long id = rememberGlobal(WAL);
        for (int i = 0; i < 10; i++) {
            harness.use(id, "alice", "acme");
        }

        RetrieveResult result = harness.retrieve("css grid layout alignment of buttons", "acme");

        assertThat(result.memories()).isEmpty();
        assertThat(result.rules()).isEmpty();
        assertThat(result.considered()).isEqualTo(1);
    }

    @Test
    void kLimitsMemories() {
        for (int i = 1; i <= 5; i++) {
            rememberGlobal("SQLite WAL journal mode tip number " + i + " for readers and the writer.");
        }

        RetrieveResult result = harness.retrieve(WAL_QUERY, "acme", 2, 2000);

        assertThat(result.memories()).hasSize(2);
        assertThat(result.passedGate()).isEqualTo(5);
    }

    @Test
    void sparsityIsReturnedOverConsidered() {
        rememberGlobal(WAL);
        rememberGlobal("Prefer CSS grid over floats for page layout.");

        RetrieveResult result = harness.retrieve(WAL_QUERY, "acme");

        assertThat(result.sparsity()).isEqualTo(0.5);
    }

    @Test
    void tokenBudgetCutsLongMemory() {
        long id = rememberGlobal(WAL + " " + "Readers keep going while the writer appends to the log. ".repeat(60));

        RetrieveResult result = harness.retrieve(WAL_QUERY, "acme", 5, 200);

        RetrievedMemory item = result.memories().get(0);
        assertThat(item.memory().id()).isEqualTo(id);
        assertThat(item.truncated()).isTrue();
        assertThat(item.text()).endsWith("…");
        assertThat(result.tokens()).isLessThanOrEqualTo(200 + Selection.OVERHEAD_TOKENS);
    }

    @Test
    void tokenBudgetDropsItemsThatDoNotFit() {
        String padding = " Readers keep going while the writer appends to the log.".repeat(8);
        for (int i = 1; i <= 3; i++) {
            rememberGlobal("SQLite WAL journal mode tip number " + i + " for readers and the writer." + padding);
        }

        RetrieveResult result = harness.retrieve(WAL_QUERY, "acme", 5, 240);

        assertThat(result.memories()).hasSizeBetween(1, 2);
        assertThat(result.tokens()).isLessThanOrEqualTo(240 + Selection.OVERHEAD_TOKENS);
    }

    @Test
    void tokensStayWithinBudgetForManyBudgets() {
        String padding = " Readers keep going while the writer appends to the log.".repeat(12);
        for (int i = 1; i <= 6; i++) {
            rememberGlobal("SQLite WAL journal mode tip number " + i + " for readers and the writer." + padding);
        }
        for (int budget = RetrieveRequest.MIN_MAX_TOKENS; budget <= 1200; budget += 37) {
            RetrieveResult result = harness.retrieve(WAL_QUERY, "acme", 6, budget);

            assertThat(result.tokens()).as("budget %d", budget).isLessThanOrEqualTo(budget + Selection.OVERHEAD_TOKENS);
        }
    }

    @Test
    void lexicalFallbackFindsMemoryByWords() {
        harness.close();
        harness = ScmsHarness.lexicalOnly(temp.resolve("lexical"), StaticPolicy.defaults());
        long id = rememberGlobal(WAL);

        RetrieveResult result = harness.retrieve("WAL journal readers", "acme");

        assertThat(ScmsHarness.ids(result.memories())).containsExactly(id);
        assertThat(result.mode()).isEqualTo("lexical");
        assertThat(result.notice()).isPresent();
        assertThat(result.notice().orElseThrow()).contains("model still loading");
    }

    @Test
    void lexicalFallbackSkipsUnrelatedQuery() {
        harness.close();
        harness = ScmsHarness.lexicalOnly(temp.resolve("lexical"), StaticPolicy.defaults());
        rememberGlobal(WAL);

        assertThat(harness.retrieve("css grid layout", "acme").memories()).isEmpty();
    }

    @Test
    void forgottenMemoryNotRetrieved() {
        long id = rememberGlobal(WAL);

        harness.scms.forgetter().forget(id, "superseded");

        assertThat(ScmsHarness.ids(harness.retrieve(WAL_QUERY, "acme").memories())).doesNotContain(id);
        assertThat(harness.find(id).isActive()).isFalse();
    }

    @Test
    void restoredMemoryRetrievedAgain() {
        long id = rememberGlobal(WAL);
        harness.scms.forgetter().forget(id, "superseded");

        harness.scms.forgetter().restore(id);

        assertThat(ScmsHarness.ids(harness.retrieve(WAL_QUERY, "acme").memories())).containsExactly(id);
    }

    @Test
    void retrievalSeesChangesAfterAnEarlierOne() {
        long first = rememberGlobal(WAL);
        assertThat(ScmsHarness.ids(harness.retrieve(WAL_QUERY, "acme").memories())).containsExactly(first);

        harness.scms.forgetter().forget(first, "superseded");
        long second = rememberGlobal("Use WAL journal mode in SQLite, so that readers never block the writer.");

        assertThat(ScmsHarness.ids(harness.retrieve(WAL_QUERY, "acme").memories())).containsExactly(second);
    }

    @Test
    void retrievalKeepsEachRequestsScopeAndFilters() {
        long acme = harness.remember(WAL, Kind.PATTERN, Optional.of("acme")).memory().id();
        RetrieveRequest bugPatternsOnly = new RetrieveRequest(WAL_QUERY, Optional.of("acme"), 5, Set.of(),
                Set.of(Kind.BUG_PATTERN), 2000, "s");

        assertThat(ScmsHarness.ids(harness.retrieve(WAL_QUERY, "acme").memories())).containsExactly(acme);
        assertThat(ScmsHarness.ids(harness.retrieve(WAL_QUERY, "globex").memories())).isEmpty();
        assertThat(harness.scms.retrieve(bugPatternsOnly, harness.context).memories()).isEmpty();
        assertThat(ScmsHarness.ids(harness.retrieve(WAL_QUERY, "acme").memories())).containsExactly(acme);
    }

    @Test
    void projectPatternHiddenFromOtherProject() {
        long id = harness.remember(WAL, Kind.PATTERN, Optional.of("acme")).memory().id();

        assertThat(ScmsHarness.ids(harness.retrieve(WAL_QUERY, "globex").memories())).doesNotContain(id);
    }

    @Test
    void queryWithSearchOperatorsTreatedAsWords() {
        long id = rememberGlobal(WAL);

        RetrieveResult result = harness.retrieve("\"unbalanced AND (NEAR wal* journal: -mode", "acme");

        assertThat(ScmsHarness.ids(result.memories())).containsExactly(id);
    }

    @Test
    void higherGateDropsWeakMatch() {
        harness.close();
        harness = ScmsHarness.open(temp.resolve("strict"), StaticPolicy.defaults(), Map.of("min_relevance", "0.95"));
        rememberGlobal(WAL);

        assertThat(harness.retrieve("sqlite readers", "acme").memories()).isEmpty();
    }

    @Test
    void retrievalStoresNoProject() {
        rememberGlobal(WAL);

        RetrieveResult result = harness.retrieve(WAL_QUERY, "/nonexistent/zzz");

        assertThat(result.project().value()).isEqualTo("/nonexistent/zzz");
        assertThat(harness.store.findProject(result.project())).isEmpty();
    }

    @Test
    void sessionStartWithoutTaskStoresNoProject() {
        ProjectKey project = new ProjectKey("payments");

        harness.scms.mostUsed(project, 5, 2000, ScmsHarness.SESSION);

        assertThat(harness.store.findProject(project)).isEmpty();
    }

    @Test
    void writeRegistersProject() {
        harness.remember("Rule for payments: never log card numbers.", Kind.RULE, Optional.of("payments"));

        assertThat(harness.store.findProject(new ProjectKey("payments"))).isPresent();
    }

    @Test
    void loggedQueryKeepsFirstTwoThousandCharacters() {
        rememberGlobal(WAL);
        String query = WAL_QUERY + " " + "x".repeat(5_000);

        RetrieveResult result = harness.retrieve(query, "acme");

        String logged = harness.store.findRetrieval(result.retrievalId().orElseThrow()).orElseThrow().query();
        assertThat(logged).hasSize(RetrievalRecord.MAX_QUERY_CHARS).isEqualTo(query.substring(0, 2_000));
        assertThat(result.memories()).isNotEmpty();
    }
}

package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.config.Settings;
import dev.scms.config.SettingsLoader;
import dev.scms.embed.Embedder;
import dev.scms.model.Kind;
import dev.scms.model.Memory;
import dev.scms.promotion.StaticPolicy;
import dev.scms.store.RetrievalRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextBuilderTest {

    @TempDir
    Path temp;

    private ScmsHarness harness;
    private ContextBuilder builder;
    private String project;

    @BeforeEach
    void setUp() throws IOException {
        harness = ScmsHarness.open(temp, StaticPolicy.defaults(), Map.of());
        builder = new ContextBuilder(harness.store, harness.scms, harness.clock);
        project = Files.createDirectories(temp.resolve("shop")).toRealPath().toString();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private long rule(String text) {
        return harness.remember(text, Kind.RULE, Optional.of(project)).memory().id();
    }

    private long pattern(String text) {
        return harness.remember(text, Kind.PATTERN, Optional.empty()).memory().id();
    }

    private ContextBlock build(String prompt) {
        return build(Optional.of(prompt), 2000);
    }

    private ContextBlock build(Optional<String> prompt, int maxTokens) {
        return builder.build(new ContextRequest(prompt, Optional.of(project), 5, maxTokens, "session-7"),
                harness.context);
    }

    private static List<Long> ids(List<ContextItem> items) {
        return items.stream().map(item -> item.memory().id()).toList();
    }

    @Test
    void promptGetsRulesAndRankedPatterns() {
        long rule = rule("Run the formatter before every commit.");
        long wal = pattern("Enable WAL journal mode in SQLite so readers never block the writer.");
        pattern("Kafka consumers rebalance when GC pauses exceed the session timeout.");

        ContextBlock block = build("sqlite readers block the writer");

        assertThat(ids(block.rules())).containsExactly(rule);
        assertThat(ids(block.patterns())).containsExactly(wal);
        assertThat(block.patterns().get(0).breakdown()).isPresent();
        assertThat(block.rules().get(0).breakdown()).isEmpty();
        assertThat(block.mode()).isEqualTo(ContextBlock.HYBRID);
        assertThat(block.retrievalId()).isPresent();
    }

    @Test
    void rulesIgnoreThePrompt() {
        long rule = rule("Run the formatter before every commit.");
        pattern("Enable WAL journal mode in SQLite so readers never block the writer.");

        ContextBlock block = build("kubernetes ingress returns 502");

        assertThat(ids(block.rules())).containsExactly(rule);
    }

    @Test
    void retrievalIsLoggedAndNeverCountedAsUse() {
        long wal = pattern("Enable WAL journal mode in SQLite so readers never block the writer.");

        ContextBlock block = build("sqlite readers block the writer");

        RetrievalRecord logged = harness.store.findRetrieval(block.retrievalId().orElseThrow()).orElseThrow();
        assertThat(logged.returnedIds()).containsExactly(wal);
        assertThat(logged.session()).isEqualTo("session-7");
        Memory memory = harness.find(wal);
        assertThat(memory.helpfulCount()).isZero();
        assertThat(memory.unhelpfulCount()).isZero();
        assertThat(memory.retrievalCount()).isEqualTo(1);
    }

    @Test
    void sessionStartGetsTheMostUsedPatterns() {
        long used = pattern("Enable WAL journal mode in SQLite so readers never block the writer.");
        long usedTwice = pattern("Pin the JDK with a Gradle toolchain on CI.");
        long unused = pattern("Kafka consumers rebalance when GC pauses exceed the session timeout.");
        harness.use(used, "ann", project);
        harness.use(usedTwice, "ann", project);
        harness.use(usedTwice, "bob", project);

        ContextBlock block = build(Optional.empty(), 2000);

        assertThat(ids(block.patterns())).containsExactly(usedTwice, used).doesNotContain(unused);
        assertThat(block.mode()).isEqualTo(ContextBlock.MOST_USED);
        RetrievalRecord logged = harness.store.findRetrieval(block.retrievalId().orElseThrow()).orElseThrow();
        assertThat(logged.returnedIds()).containsExactly(usedTwice, used);
        assertThat(harness.find(usedTwice).helpfulCount()).isEqualTo(2);
    }

    @Test
    void sessionStartLeavesOutPatternsPromotedHere() {
        long pattern = pattern("Enable WAL journal mode in SQLite so readers never block the writer.");
        harness.use(pattern, "ann", project);
        long ruleId = harness.promote(pattern, project, true).rule().id();

        ContextBlock block = build(Optional.empty(), 2000);

        assertThat(ids(block.rules())).containsExactly(ruleId);
        assertThat(block.patterns()).isEmpty();
    }

    @Test
    void sessionStartWithNothingUsedLogsNoRetrieval() {
        rule("Run the formatter before every commit.");
        pattern("Enable WAL journal mode in SQLite so readers never block the writer.");

        ContextBlock block = build(Optional.empty(), 2000);

        assertThat(block.patterns()).isEmpty();
        assertThat(block.retrievalId()).isEmpty();
        assertThat(harness.store.recentRetrievals(10, Optional.empty())).isEmpty();
    }

    @Test
    void failuresBecomeWarnings() {
        long failure = harness.logFailure(Kind.BUG_PATTERN, "SQLite readers block the writer",
                "database is locked while readers run", "rollback journal", "enable WAL", "other").memory().id();

        ContextBlock block = build("database is locked while readers run");

        assertThat(ids(block.patterns())).containsExactly(failure);
        assertThat(block.warnings()).singleElement().asString().contains("memory " + failure);
    }

    @Test
    void oversizedRuleIsOmitted() {
        rule("Run the formatter before every commit.");
        rule("Keep every public type documented. ".repeat(40));

        ContextBlock block = build(Optional.of("formatter"), 120);

        assertThat(block.rules()).hasSize(1);
        assertThat(block.omittedRules()).isEqualTo(1);
        assertThat(block.tokens()).isLessThanOrEqualTo(120);
    }

    @Test
    void rulesOfOtherProjectsStayOut() {
        harness.remember("Deploy with Helm.", Kind.RULE, Optional.of("/elsewhere/infra"));

        ContextBlock block = build("deploy with helm");

        assertThat(block.rules()).isEmpty();
    }

    @Test
    void longPromptIsCutForTheRetrievalLog() {
        pattern("Enable WAL journal mode in SQLite so readers never block the writer.");

        ContextBlock block = build("sqlite writer blocked ".repeat(2000));

        RetrievalRecord logged = harness.store.findRetrieval(block.retrievalId().orElseThrow()).orElseThrow();
        assertThat(logged.query()).hasSizeLessThanOrEqualTo(ContextBuilder.MAX_QUERY_CHARS);
    }

    @Test
    void modelIsNeverAskedForWithoutPatterns() {
        AtomicInteger asked = new AtomicInteger();
        EmbeddingSource counting = new EmbeddingSource() {
            @Override
            public Optional<Embedder> await(Duration maxWait) {
                asked.incrementAndGet();
                return Optional.empty();
            }

            @Override
            public String modelId() {
                return "counting";
            }

            @Override
            public String status() {
                return "counting";
            }
        };
        Settings settings = new SettingsLoader(Map.of(), Map.of("home", temp.toString()), "tester", temp).load();
        Scms scms = new Scms(harness.store, counting, StaticPolicy.defaults(), settings, harness.clock);
        rule("Run the formatter before every commit.");

        ContextBlock block = new ContextBuilder(harness.store, scms, harness.clock).build(new ContextRequest(
                Optional.of("formatter"), Optional.of(project), 5, 2000, ""), harness.context);

        assertThat(block.mode()).isEqualTo(ContextBlock.RULES_ONLY);
        assertThat(block.rules()).hasSize(1);
        assertThat(asked).hasValue(0);
        assertThat(harness.store.recentRetrievals(10, Optional.empty())).isEmpty();
    }

    @Test
    void blankPromptCountsAsNoPrompt() {
        ContextRequest request = new ContextRequest(Optional.of(" \u00a0\n"), Optional.empty(), 5, 2000, null);

        assertThat(request.query()).isEmpty();
        assertThat(request.session()).isEmpty();
    }
}

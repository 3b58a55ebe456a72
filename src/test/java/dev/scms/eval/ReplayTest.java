package dev.scms.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scms.core.BagOfWordsEmbedder;
import dev.scms.core.RememberRequest;
import dev.scms.model.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replays tiny hand-made datasets end to end over real SQLite stores and the word-hash embedder. */
class ReplayTest {

    /** The word-hash embedder spreads a text over many words, so its cosines run lower than MiniLM's. */
    private static final Map<String, String> LOW_FLOOR = Map.of("min_cosine", "0.1");

    private static final List<RememberRequest> LESSONS = List.of(
            memory("m1", "2024-01-01", "sqlite database is locked when two processes write the same file; enable "
                    + "wal and busy_timeout"),
            memory("m2", "2024-01-02", "docker build fails with exec format error on arm64 runners; build with the "
                    + "platform flag"),
            memory("m3", "2024-01-03", "gradle toolchain mismatch after installing jdk 21; configure a java "
                    + "toolchain"),
            memory("m4", "2024-01-04", "terraform lock file checksum mismatch on apple silicon laptops; lock "
                    + "providers for every platform"));

    /** q1 and q2 share most words with m1 and m2; q3 shares none with its relevant m3, so nothing comes back. */
    private static final List<EvalQuery> QUERIES = List.of(
            query("q1", "2024-02-01", "sqlite database is locked when two processes write", "m1"),
            query("q2", "2024-02-02", "docker exec format error on arm64 runners", "m2"),
            query("q3", "2024-02-03", "kubernetes pod keeps restarting in crash loop", "m3"));

    @TempDir
    Path temp;

    @Test
    void metricsMatchHandWorkedRanks() {
        RunResult result = replay(true).run(preset("semantic"), LESSONS, QUERIES, 5, (done, total) -> { });
        Metrics metrics = result.metrics();

        // First relevant ranks 1, 1, none.
        assertThat(metrics.queries()).isEqualTo(3);
        assertThat(metrics.hitAt1()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(metrics.hitAt3()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(metrics.mrr()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(metrics.precisionAt3()).isCloseTo(2.0 / 9, within(1e-9));
        assertThat(metrics.ndcgAt10()).isCloseTo(2.0 / 3, within(1e-9));
        // Only the one matching lesson passes the gates for q1 and q2, none for q3.
        assertThat(metrics.meanReturned()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(metrics.recallVsFull()).isEmpty();
        assertThat(result.settings()).containsEntry("preset", "semantic").containsEntry("min_cosine", "0.1");
    }

    @Test
    void feedbackLiftsUsedMemory() {
        List<RememberRequest> memories = List.of(
                memory("near", "2024-01-01", "npm install fails with ERESOLVE peer dependency conflict after react "
                        + "upgrade"),
                memory("used", "2024-01-02", "npm install fails with ERESOLVE peer dependency conflict after the "
                        + "eslint plugin upgrade; add an overrides entry"));
        List<EvalQuery> twice = List.of(
                query("first", "2024-02-01", "npm install fails with ERESOLVE peer dependency conflict after "
                        + "upgrade", "used"),
                query("again", "2024-02-02", "npm install fails with ERESOLVE peer dependency conflict after "
                        + "upgrade", "used"));

        Metrics without = replay(false).run(preset("usage"), memories, twice, 5, (done, total) -> { }).metrics();
        Metrics with = replay(true).run(preset("usage"), memories, twice, 5, (done, total) -> { }).metrics();

        // Without feedback the used lesson stays second both times; with it, the second query ranks it first.
        assertThat(without.mrr()).isCloseTo(0.5, within(1e-9));
        assertThat(with.mrr()).isCloseTo(0.75, within(1e-9));
        assertThat(with.hitAt1()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void hierarchicalPresetReportsRecall() {
        Preset hierarchical = preset("full+lex").with("hier-probe", Map.of("hierarchical_min_memories", "1"));

        Metrics metrics = replay(true).run(hierarchical, LESSONS, QUERIES, 5, (done, total) -> { }).metrics();

        assertThat(metrics.recallVsFull()).hasValueSatisfying(recall -> assertThat(recall).isBetween(0.0, 1.0));
    }

    @Test
    void progressEndsAtTotalAndStoreIsDeleted() throws Exception {
        java.util.List<Integer> seen = new java.util.ArrayList<>();

        replay(true).run(preset("full"), LESSONS, QUERIES, 5, (done, total) -> {
            assertThat(total).isEqualTo(7);
            seen.add(done);
        });

        assertThat(seen).isSorted().last().isEqualTo(7);
        try (var left = Files.list(temp.resolve("work"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void eachMemoryTextIsEmbeddedOnceAcrossPresets() {
        BagOfWordsEmbedder embedder = wordEmbedder();
        Replay replay = new Replay(embedder, temp.resolve("work"), new EvalSettings(Map.of(), LOW_FLOOR), true);

        replay.run(preset("semantic"), LESSONS, QUERIES, 5, (done, total) -> { });
        replay.run(preset("full"), LESSONS, QUERIES, 5, (done, total) -> { });

        // 4 lessons with their title and their one sentence each once, plus the 3 queries in each of
        // the 2 replays, which are embedded every time.
        assertThat(embedder.embedded.get()).isEqualTo(3 * 4 + 2 * 3);
        assertThat(replay.embeddedTexts()).isEqualTo(3 * 4);
    }

    /** Returns the 1024-bucket embedder whose collisions the hand-worked ranks above assume. */
    private static BagOfWordsEmbedder wordEmbedder() {
        return new BagOfWordsEmbedder(1024, "word-hash-test");
    }

    private Replay replay(boolean feedback) {
        return new Replay(wordEmbedder(), temp.resolve("work"), new EvalSettings(Map.of(), LOW_FLOOR), feedback);
    }

    private static Preset preset(String name) {
        return new PresetCatalog(0.35).all().stream().filter(preset -> preset.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private static RememberRequest memory(String id, String date, String text) {
        return new RememberRequest(text, Optional.empty(), Kind.BUG_PATTERN, Optional.empty(), "", List.of(), 0.5,
                Map.of(), Optional.of(LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant()), Optional.of(
                        id));
    }

    private static EvalQuery query(String id, String date, String text, String relevant) {
        return new EvalQuery(id, text, List.of(relevant), Optional.of(LocalDate.parse(date).atStartOfDay(
                ZoneOffset.UTC).toInstant()));
    }
}

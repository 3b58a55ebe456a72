package dev.scms.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.NewMemory;
import dev.scms.model.ProjectKey;
import dev.scms.store.LexicalHit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares the full-text index in memory with FTS5 on one database file: one store never builds
 * the index and so always queries FTS5, the other searches its index.
 */
class IndexedTextSearchTest {

    private static final Path DEV_DATA = Path.of("..", "shared", "data");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);
    private static final ProjectKey PROJECT = new ProjectKey("/work/shop");
    private static final ProjectKey OTHER = new ProjectKey("/work/other");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void matchesFts5OnDevelopmentSet() throws IOException {
        Path memories = DEV_DATA.resolve("dev-memories.jsonl");
        Path distractors = DEV_DATA.resolve("dev-distractors.jsonl");
        assumeThat(Files.exists(memories) && Files.exists(distractors))
                .as("the development set is missing under %s, so this comparison is skipped", DEV_DATA).isTrue();
        List<JsonNode> rows = new ArrayList<>(lines(memories));
        rows.addAll(lines(distractors));
        Path file = temp.resolve("scms.db");
        try (SqliteMemoryStore fts5 = SqliteMemoryStore.open(file, CLOCK)) {
            fill(fts5, rows);
            try (SqliteMemoryStore indexed = SqliteMemoryStore.open(file, CLOCK)) {
                assertThat(indexed.buildTextIndex()).isTrue();
                List<String> queries = queries(rows);
                for (String query : queries) {
                    for (Optional<ProjectKey> scope : List.of(Optional.of(PROJECT), Optional.<ProjectKey>empty())) {
                        assertSameHits(query, fts5.searchText(query, scope, 200), indexed.searchText(query, scope, 200));
                    }
                }
                assertThat(queries).hasSizeGreaterThan(300);
                assertThat(indexed.textIndexSearches()).as("searches that ran on the index")
                        .isGreaterThan(queries.size() * 2L * 9 / 10);
            }
        }
    }

    @Test
    void seesInsertsArchivesAndRestoresOfAnotherConnection() {
        Path file = temp.resolve("scms.db");
        try (SqliteMemoryStore writer = SqliteMemoryStore.open(file, CLOCK);
                SqliteMemoryStore indexed = SqliteMemoryStore.open(file, CLOCK)) {
            writer.insert(memory("Deadlock in OrderService", "Two threads lock orders and payments in turn.",
                    Optional.of(PROJECT)), Optional.empty());
            assertThat(indexed.buildTextIndex()).isTrue();
            Memory added = writer.insert(memory("Quokka deadlock", "The quokka service deadlocks on payments.",
                    Optional.empty()), Optional.empty());

            assertSameHits("quokka deadlock", writer.searchText("quokka deadlock", Optional.of(PROJECT), 10),
                    indexed.searchText("quokka deadlock", Optional.of(PROJECT), 10));
            assertThat(indexed.searchText("quokka", Optional.of(PROJECT), 10)).extracting(LexicalHit::memoryId)
                    .containsExactly(added.id());

            writer.archive(added.id(), "wrong", CLOCK.instant());
            assertThat(indexed.searchText("quokka", Optional.of(PROJECT), 10)).isEmpty();
            assertSameHits("deadlock payments", writer.searchText("deadlock payments", Optional.of(PROJECT), 10),
                    indexed.searchText("deadlock payments", Optional.of(PROJECT), 10));

            writer.restore(added.id(), CLOCK.instant());
            assertThat(indexed.searchText("quokka", Optional.of(PROJECT), 10)).extracting(LexicalHit::memoryId)
                    .containsExactly(added.id());
            assertThat(indexed.textIndexSearches()).isEqualTo(5);
        }
    }

    @Test
    void scopesProjectsAsFts5Does() {
        Path file = temp.resolve("scms.db");
        try (SqliteMemoryStore writer = SqliteMemoryStore.open(file, CLOCK);
                SqliteMemoryStore indexed = SqliteMemoryStore.open(file, CLOCK)) {
            writer.insert(memory("Cache stampede", "A cold cache lets every request hit the database.",
                    Optional.of(PROJECT)), Optional.empty());
            writer.insert(memory("Cache key collision", "Two tenants shared one cache key.", Optional.of(OTHER)),
                    Optional.empty());
            writer.insert(memory("Retry storm", "Clients retried without backoff.", Optional.empty()),
                    Optional.empty());
            assertThat(indexed.buildTextIndex()).isTrue();

            for (Optional<ProjectKey> scope : List.of(Optional.of(PROJECT), Optional.of(OTHER), Optional.<ProjectKey>empty())) {
                assertSameHits("cache retry database", writer.searchText("cache retry database", scope, 10),
                        indexed.searchText("cache retry database", scope, 10));
            }
            assertThat(indexed.textIndexSearches()).isEqualTo(3);
        }
    }

    @Test
    void leavesSearchesInsideWriteTransactionToFts5() {
        Path file = temp.resolve("scms.db");
        try (SqliteMemoryStore store = SqliteMemoryStore.open(file, CLOCK)) {
            store.insert(memory("Flaky clock test", "The test read the wall clock.", Optional.empty()), Optional.empty());
            assertThat(store.buildTextIndex()).isTrue();

            List<LexicalHit> hits = store.inWriteTransaction("search while writing", () -> {
                store.insert(memory("Clock skew", "Two hosts disagreed on the clock.", Optional.empty()),
                        Optional.empty());
                return store.searchText("clock", Optional.empty(), 10);
            });

            assertThat(hits).hasSize(2);
            assertThat(store.textIndexSearches()).isZero();
            assertThat(store.searchText("clock", Optional.empty(), 10)).hasSize(2);
            assertThat(store.textIndexSearches()).isEqualTo(1);
        }
    }

    @Test
    void leavesQueriesBeyondAsciiToFts5() {
        Path file = temp.resolve("scms.db");
        try (SqliteMemoryStore writer = SqliteMemoryStore.open(file, CLOCK);
                SqliteMemoryStore indexed = SqliteMemoryStore.open(file, CLOCK)) {
            writer.insert(memory("Café menu encoding", "The café menu lost its accents.", Optional.empty()),
                    Optional.empty());
            assertThat(indexed.buildTextIndex()).isTrue();

            assertSameHits("café menu", writer.searchText("café menu", Optional.empty(), 10),
                    indexed.searchText("café menu", Optional.empty(), 10));
            assertThat(indexed.textIndexSearches()).isZero();
        }
    }

    private static void assertSameHits(String query, List<LexicalHit> expected, List<LexicalHit> actual) {
        assertThat(actual).as("hits of %s", query).extracting(LexicalHit::memoryId)
                .containsExactlyElementsOf(expected.stream().map(LexicalHit::memoryId).toList());
        for (int i = 0; i < expected.size(); i++) {
            double want = expected.get(i).bm25();
            assertThat(actual.get(i).bm25()).as("score of memory %d for %s", expected.get(i).memoryId(), query)
                    .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1.0, Math.abs(want))));
        }
    }

    /** Returns the development queries, plus the title and first words of every 40th memory. */
    private static List<String> queries(List<JsonNode> rows) throws IOException {
        List<String> queries = new ArrayList<>();
        for (JsonNode query : lines(DEV_DATA.resolve("dev-queries.jsonl"))) {
            queries.add(query.path("text").asText());
        }
        for (int i = 0; i < rows.size(); i += 40) {
            queries.add(rows.get(i).path("title").asText());
            String[] words = rows.get(i).path("text").asText().split("\\s+");
            queries.add(String.join(" ", List.of(words).subList(0, Math.min(words.length, 12))));
        }
        return queries;
    }

    /**
     * Stores the rows: the development memories in {@link #PROJECT} or {@link #OTHER}, the others
     * global, each with its domain as a tag, and archives every 97th.
     */
    private static void fill(SqliteMemoryStore store, List<JsonNode> rows) {
        store.inWriteTransaction("fill", () -> {
            for (int i = 0; i < rows.size(); i++) {
                JsonNode row = rows.get(i);
                Optional<ProjectKey> project = row.has("project") ? Optional.of(i % 2 == 0 ? PROJECT : OTHER)
                        : Optional.empty();
                NewMemory memory = new NewMemory(Layer.L0, Kind.BUG_PATTERN, row.path("title").asText(),
                        row.path("text").asText(), Map.of(), row.path("domain").asText(), project,
                        List.of(row.path("domain").asText()), 0.5, CLOCK.instant(), "hash-" + i, Optional.empty());
                Memory stored = store.insert(memory, Optional.empty());
                if (i % 97 == 0) {
                    store.archive(stored.id(), "test", CLOCK.instant());
                }
            }
            return null;
        });
    }

    private static NewMemory memory(String title, String body, Optional<ProjectKey> project) {
        return new NewMemory(Layer.L0, Kind.BUG_PATTERN, title, body, Map.of(), "", project, List.of("tag"), 0.5,
                CLOCK.instant(), "hash-" + title, Optional.empty());
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }
}

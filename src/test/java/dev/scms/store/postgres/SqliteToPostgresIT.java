package dev.scms.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.NewMemory;
import dev.scms.model.Outcome;
import dev.scms.model.ProjectKey;
import dev.scms.model.Use;
import dev.scms.store.AccessToken;
import dev.scms.store.ChangedMemory;
import dev.scms.store.LexicalHit;
import dev.scms.store.MemoryFilter;
import dev.scms.store.Promotion;
import dev.scms.store.RetrievalRecord;
import dev.scms.store.SessionSummary;
import dev.scms.store.StoreException;
import dev.scms.store.StoredEmbedding;
import dev.scms.store.sqlite.SqliteMemoryStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Copies a real SQLite store into a real PostgreSQL server and reads it back through the PostgreSQL store. */
@ExtendWith(PostgresExtension.class)
class SqliteToPostgresIT {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ProjectKey ALPHA = new ProjectKey("/home/dev/alpha");
    private static final String MODEL = "all-minilm-l6-v2-q";
    private static final Duration BUSY = Duration.ofSeconds(5);
    private static final String TOKEN_HASH = "a".repeat(64);

    @TempDir
    Path folder;

    private Path file;
    private PostgresUrl target;

    @BeforeEach
    void paths() {
        file = folder.resolve("scms.db");
        target = PostgresExtension.database();
    }

    @Test
    void copyKeepsEveryTableAndReadsBack() {
        Fixture fixture = fillSqlite();

        MigrationReport report = SqliteToPostgres.copy(file, target, false, BUSY);

        assertThat(report.matches()).isTrue();
        assertThat(report.deletedTargetRows()).isZero();
        assertThat(report.tables()).extracting(MigrationReport.TableCount::table).containsExactly("store_info",
                "memories", "embeddings", "uses", "retrievals", "promotions", "projects", "sessions", "access_tokens");
        assertThat(report.tables()).filteredOn(count -> count.table().equals("memories")).singleElement()
                .satisfies(count -> assertThat(count.target()).isEqualTo(4));
        assertThat(report.table()).contains("memories", "SQLITE", "POSTGRESQL").doesNotContain("MISMATCH");

        try (PostgresMemoryStore copied = PostgresMemoryStore.open(target, CLOCK, PostgresStoreSettings.defaults())) {
            assertThat(copied.storeId()).isEqualTo(fixture.storeId());
            Memory pattern = copied.find(fixture.pattern().id()).orElseThrow();
            assertThat(pattern.helpfulCount()).isEqualTo(2);
            assertThat(pattern.unhelpfulCount()).isEqualTo(1);
            assertThat(pattern.retrievalCount()).isEqualTo(1);
            assertThat(pattern.lastUsedAt()).contains(NOW.plusSeconds(30));
            assertThat(pattern.details()).isEqualTo(fixture.pattern().details());
            assertThat(pattern.tags()).containsExactly("retry", "http");
            assertThat(pattern.changeSeq()).isEqualTo(fixture.patternNow().changeSeq());
            assertThat(copied.find(fixture.archived().id()).orElseThrow().details())
                    .containsEntry("archived_reason", "obsolete");
            assertThat(copied.useEvidence(pattern.id(), Optional.of(ALPHA)).distinctHelpfulUsers()).isEqualTo(2);
            assertThat(copied.promotionsOf(pattern.id())).extracting(Promotion::ruleId)
                    .containsExactly(fixture.promotion().ruleId());
            assertThat(copied.findRetrieval(fixture.retrievalId())).map(RetrievalRecord::returnedIds)
                    .contains(List.of(pattern.id()));
            assertThat(copied.findProject(ALPHA)).isPresent();
            assertThat(copied.recentSessions(5, Optional.empty())).extracting(SessionSummary::sessionKey)
                    .containsExactly("session-9");
            assertThat(copied.accessTokens().findActive(TOKEN_HASH)).hasValueSatisfying(token -> {
                assertThat(token.user()).isEqualTo("ann");
                assertThat(token.lastUsedAt()).contains(NOW.plusSeconds(5));
            });
            assertThat(copied.accessTokens().create("bob", "b".repeat(64), "scms_Bc", NOW).id()).isEqualTo(2);

            List<ChangedMemory> changes = copied.changesSince(0, MODEL);
            assertThat(changes).hasSize(4);
            ChangedMemory withVector = changes.stream().filter(change -> change.memory().id() == pattern.id())
                    .findFirst().orElseThrow();
            assertThat(withVector.vector()).hasValueSatisfying(vector -> assertThat(vector).containsExactly(0.6f, 0.8f));
            assertThat(withVector.sentences()).hasSize(2);

            assertThat(copied.searchText("retry the request", Optional.of(ALPHA), 5)).extracting(LexicalHit::memoryId)
                    .contains(pattern.id());

            Memory added = copied.insert(memory("Added after the copy", Optional.empty()), Optional.empty());
            assertThat(added.id()).isGreaterThan(fixture.highestId());
            assertThat(added.changeSeq()).isGreaterThan(fixture.patternNow().changeSeq());
            assertThat(copied.logRetrieval(new RetrievalRecord(0, "s", Optional.empty(), "q", List.of(), 1, 1, NOW)))
                    .isGreaterThan(fixture.retrievalId());
        }
    }

    @Test
    void nonEmptyTargetIsRejectedUnlessReplaced() {
        fillSqlite();
        SqliteToPostgres.copy(file, target, false, BUSY);

        assertThatThrownBy(() -> SqliteToPostgres.copy(file, target, false, BUSY)).isInstanceOf(StoreException.class)
                .hasMessageContaining("is not empty").hasMessageContaining("--replace");

        MigrationReport replaced = SqliteToPostgres.copy(file, target, true, BUSY);
        assertThat(replaced.matches()).isTrue();
        assertThat(replaced.deletedTargetRows()).isPositive();
    }

    @Test
    void unknownSourceTableIsRejected() throws Exception {
        fillSqlite();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE team_notes (id INTEGER PRIMARY KEY)");
        }

        assertThatThrownBy(() -> SqliteToPostgres.copy(file, target, false, BUSY)).isInstanceOf(StoreException.class)
                .hasMessageContaining("team_notes");
        try (PostgresMemoryStore untouched = PostgresMemoryStore.open(target, CLOCK, PostgresStoreSettings.defaults())) {
            assertThat(untouched.count(MemoryFilter.all(10))).isZero();
        }
    }

    @Test
    void nulTextStopsCopy() throws Exception {
        Fixture fixture = fillSqlite();
        long id = fixture.pattern().id();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE memories SET body = 'before' || char(0) || 'after' WHERE id = " + id);
        }

        assertThatThrownBy(() -> SqliteToPostgres.copy(file, target, false, BUSY)).isInstanceOf(StoreException.class)
                .hasMessageContaining("memories.body of memory " + id).hasMessageContaining("U+0000")
                .hasMessageNotContaining("INSERT");
        try (PostgresMemoryStore untouched = PostgresMemoryStore.open(target, CLOCK, PostgresStoreSettings.defaults())) {
            assertThat(untouched.count(MemoryFilter.all(10))).isZero();
        }

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            // The statement that docs/team.md gives; it removes the first U+0000 of each value per run.
            statement.execute("UPDATE memories SET body = CAST(substr(CAST(body AS BLOB), 1, instr(CAST(body AS BLOB),"
                    + " x'00') - 1) AS TEXT) || CAST(substr(CAST(body AS BLOB), instr(CAST(body AS BLOB), x'00') + 1)"
                    + " AS TEXT) WHERE instr(CAST(body AS BLOB), x'00') > 0");
        }
        assertThat(SqliteToPostgres.copy(file, target, false, BUSY).matches()).isTrue();
        try (PostgresMemoryStore copied = PostgresMemoryStore.open(target, CLOCK, PostgresStoreSettings.defaults())) {
            assertThat(copied.find(id).orElseThrow().body()).isEqualTo("beforeafter");
        }
    }

    @Test
    void missingSourceIsRejected() {
        assertThatThrownBy(() -> SqliteToPostgres.copy(folder.resolve("none.db"), target, false, BUSY))
                .isInstanceOf(StoreException.class).hasMessageContaining("does not exist");
    }

    private record Fixture(String storeId, Memory pattern, Memory patternNow, Memory archived, Promotion promotion,
            long retrievalId, long highestId) {
    }

    private Fixture fillSqlite() {
        try (SqliteMemoryStore store = SqliteMemoryStore.open(file, CLOCK)) {
            Memory pattern = store.insert(new NewMemory(Layer.L0, Kind.PATTERN, "Retry idempotent requests",
                    "Retry the request with backoff", Map.of("symptom", "timeout", "attempts", 3), "http",
                    Optional.of(ALPHA), List.of("retry", "http"), 0.6, NOW, "hash-retry", Optional.of("legacy:1")),
                    Optional.of(new StoredEmbedding(MODEL, new float[] {0.6f, 0.8f}, List.of(new float[] {1f, 0f},
                            new float[] {0f, 1f}))));
            Memory archived = store.insert(memory("Old advice", Optional.empty()), Optional.empty());
            store.archive(archived.id(), "obsolete", NOW);
            store.ensureProject(ALPHA, Optional.of("/home/dev/alpha"), NOW);
            long retrievalId = store.logRetrieval(new RetrievalRecord(0, "session-9", Optional.of(ALPHA), "retry",
                    List.of(pattern.id()), 3, 40, NOW));
            store.recordUse(new Use(pattern.id(), "ann", Optional.of(ALPHA), "session-9", Outcome.HELPFUL,
                    NOW.plusSeconds(30), Optional.of(retrievalId), "worked"));
            store.recordUse(new Use(pattern.id(), "bob", Optional.of(ALPHA), "session-9", Outcome.HELPFUL, NOW,
                    Optional.empty(), ""));
            store.recordUse(new Use(pattern.id(), "cid", Optional.of(ALPHA), "session-9", Outcome.NOT_HELPFUL, NOW,
                    Optional.empty(), ""));
            Promotion promotion = store.promote(pattern.id(), new NewMemory(Layer.L1, Kind.RULE, "Always retry",
                    "Retry idempotent requests", Map.of(), "http", Optional.of(ALPHA), List.of(), 0.8, NOW, "hash-rule",
                    Optional.empty()), Optional.empty(), "static", Map.of("helpful", 2), NOW);
            Memory last = store.insert(memory("Inserted last", Optional.empty()), Optional.empty());
            store.recordSession(new SessionSummary(0, "session-9", Optional.of(ALPHA), "claude-code", "2.1.0", NOW,
                    NOW.plusSeconds(60), 1, 1, 1, 3, 2, 0, 0));
            AccessToken token = store.accessTokens().create("ann", TOKEN_HASH, "scms_Ab", NOW);
            store.accessTokens().markUsed(token.id(), NOW.plusSeconds(5));
            return new Fixture(store.storeId(), pattern, store.find(pattern.id()).orElseThrow(), archived, promotion,
                    retrievalId, last.id());
        }
    }

    private static NewMemory memory(String title, Optional<ProjectKey> project) {
        return new NewMemory(Layer.L0, Kind.PATTERN, title, "Body of " + title, Map.of(), "", project, List.of(), 0.5,
                NOW, "hash:" + title, Optional.empty());
    }
}

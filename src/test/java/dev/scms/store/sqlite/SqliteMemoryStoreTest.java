package dev.scms.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.model.Outcome;
import dev.scms.store.MemoryFilter;
import dev.scms.store.MemoryStore;
import dev.scms.store.MemoryStoreContract;
import dev.scms.store.StoreBusyException;
import dev.scms.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMemoryStoreTest extends MemoryStoreContract {

    @TempDir
    Path folder;

    private Path file() {
        return folder.resolve("data").resolve("scms.db");
    }

    @Override
    protected MemoryStore openStore(Clock clock) {
        return SqliteMemoryStore.open(file(), clock);
    }

    @Override
    protected MemoryStore openSecondStore() {
        return SqliteMemoryStore.open(file(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    protected MemoryStore openStoreKeepingRetrievals(Clock clock, int maxRetrievals) {
        return SqliteMemoryStore.open(folder.resolve("bounded.db"), clock,
                SqliteStoreSettings.defaults().withMaxRetrievals(maxRetrievals));
    }

    @Test
    void openUsesWalJournalMode() {
        assertThat(pragma(store, "journal_mode")).isEqualTo("wal");
    }

    @Test
    void openSetsBusyTimeout() {
        try (SqliteMemoryStore custom = SqliteMemoryStore.open(folder.resolve("custom.db"), fixedClock(),
                SqliteStoreSettings.defaults().withBusyTimeout(Duration.ofMillis(1234)))) {
            assertThat(pragma(custom, "busy_timeout")).isEqualTo("1234");
        }
        assertThat(pragma(store, "busy_timeout")).isEqualTo("5000");
    }

    @Test
    void openEnablesForeignKeys() {
        assertThat(pragma(store, "foreign_keys")).isEqualTo("1");
    }

    @Test
    void openSetsLatestUserVersion() {
        assertThat(pragma(store, "user_version")).isEqualTo(String.valueOf(Migrations.standard().latest()));
    }

    @Test
    void openCreatesParentFolders() {
        assertThat(file()).exists();
        assertThat(store.location()).isEqualTo(file().toAbsolutePath().toString());
    }

    @Test
    void newerDatabaseIsRejectedAndLeftUnchanged() throws Exception {
        Path newer = folder.resolve("newer.db");
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + newer);
                Statement statement = raw.createStatement()) {
            statement.execute("CREATE TABLE other (x)");
            statement.execute("PRAGMA user_version = 99");
        }
        byte[] before = Files.readAllBytes(newer);

        assertThatThrownBy(() -> SqliteMemoryStore.open(newer, fixedClock()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("upgrade scms");

        assertThat(Files.readAllBytes(newer)).isEqualTo(before);
    }

    @Test
    void versionOneEmbeddingsCountAsMissing() throws Exception {
        Path old = folder.resolve("v1.db");
        Migrations first = new Migrations(List.of(new Migrations.Migration(1, "create tables", Schema.VERSION_1)));
        long id;
        try (SqliteMemoryStore v1 = SqliteMemoryStore.open(old, fixedClock(), SqliteStoreSettings.defaults(), first)) {
            id = v1.insert(pattern("a", Optional.empty()), Optional.empty()).id();
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + old);
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO embeddings (memory_id, model_id, dimension, vector) VALUES (" + id
                    + ", '" + MODEL + "', 2, x'0000803F00000000')");
        }

        try (SqliteMemoryStore migrated = SqliteMemoryStore.open(old, fixedClock())) {
            assertThat(pragma(migrated, "user_version")).isEqualTo(String.valueOf(Migrations.standard().latest()));
            assertThat(migrated.idsWithoutEmbedding(MODEL, 10)).containsExactly(id);
            assertThat(migrated.changesSince(0, MODEL).get(0).vector())
                    .hasValueSatisfying(vector -> assertThat(vector).containsExactly(1f, 0f));
            assertThat(migrated.changesSince(0, MODEL).get(0).sentences()).isEmpty();
        }
    }

    @Test
    void versionTwoDatabaseMigratesToSessionsTable() throws Exception {
        Path old = folder.resolve("v2.db");
        Migrations second = new Migrations(List.of(new Migrations.Migration(1, "create tables", Schema.VERSION_1),
                new Migrations.Migration(2, "add sentence vectors", Schema.VERSION_2)));
        long id;
        try (SqliteMemoryStore v2 = SqliteMemoryStore.open(old, fixedClock(), SqliteStoreSettings.defaults(), second)) {
            id = v2.insert(pattern("kept across the migration", Optional.empty()), Optional.empty()).id();
        }

        try (SqliteMemoryStore migrated = SqliteMemoryStore.open(old, fixedClock())) {
            assertThat(pragma(migrated, "user_version")).isEqualTo(String.valueOf(Migrations.standard().latest()));
            assertThat(migrated.find(id)).isPresent();
            assertThat(migrated.sessionTotals(Optional.empty()).sessions()).isZero();
            migrated.recordSession(session("after-migration", Optional.of(ALPHA), NOW));
            assertThat(migrated.recentSessions(1, Optional.empty())).hasSize(1);
        }
        Path backup = folder.resolve("v2.db.v2.bak");
        assertThat(backup).exists();
        assertThat(userVersionOf(backup)).isEqualTo(2);
    }

    @Test
    void olderDatabaseIsBackedUpBeforeMigrating() throws Exception {
        Path old = folder.resolve("old.db");
        Migrations first = new Migrations(List.of(new Migrations.Migration(1, "create tables", Schema.VERSION_1)));
        SqliteMemoryStore.open(old, fixedClock(), SqliteStoreSettings.defaults(), first).close();
        Migrations.Migration extra = new Migrations.Migration(2, "add a test column",
                List.of("ALTER TABLE projects ADD COLUMN note TEXT"));
        Migrations second = new Migrations(List.of(
                new Migrations.Migration(1, "create tables", Schema.VERSION_1), extra));

        try (SqliteMemoryStore migrated = SqliteMemoryStore.open(old, fixedClock(), SqliteStoreSettings.defaults(),
                second)) {
            assertThat(pragma(migrated, "user_version")).isEqualTo("2");
        }

        Path backup = folder.resolve("old.db.v1.bak");
        assertThat(backup).exists();
        assertThat(userVersionOf(backup)).isEqualTo(1);
    }

    @Test
    void backupNeverOverwritesAnEarlierOne() throws Exception {
        Path file = folder.resolve("old.db");
        Files.writeString(folder.resolve("old.db.v1.bak"), "earlier backup");

        assertThat(Migrations.freeBackupPath(file, 1)).isEqualTo(folder.resolve("old.db.v1.2.bak"));
        assertThat(Files.readString(folder.resolve("old.db.v1.bak"))).isEqualTo("earlier backup");
    }

    @Test
    void freshDatabaseIsNotBackedUp() throws Exception {
        try (var files = Files.list(file().getParent())) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".bak"));
        }
    }

    @Test
    void reopeningKeepsData() {
        long id = store.insert(pattern("kept", Optional.empty()), Optional.empty()).id();
        store.close();

        try (MemoryStore reopened = openSecondStore()) {
            assertThat(reopened.find(id)).isPresent();
        }
    }

    @Test
    void heldWriteLockRaisesStoreBusy() throws Exception {
        Path shared = folder.resolve("busy.db");
        try (SqliteMemoryStore impatient = SqliteMemoryStore.open(shared, fixedClock(),
                SqliteStoreSettings.defaults().withBusyTimeout(Duration.ofMillis(200)));
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + shared);
                Statement statement = other.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");

            assertThatThrownBy(() -> impatient.insert(pattern("blocked", Optional.empty()), Optional.empty()))
                    .isInstanceOf(StoreBusyException.class)
                    .hasMessageContaining("is busy")
                    .hasMessageContaining("200 ms");

            statement.execute("ROLLBACK");
            assertThat(impatient.list(MemoryFilter.all(10))).isEmpty();
            long id = impatient.insert(pattern("after release", Optional.empty()), Optional.empty()).id();
            assertThat(impatient.recordUse(use(id, "ann", Outcome.HELPFUL, NOW)).helpfulCount()).isEqualTo(1);
        }
    }

    @Test
    void archiveKeepsReasonInDetails() {
        long id = store.insert(pattern("p", Optional.empty()), Optional.empty()).id();

        assertThat(store.archive(id, "superseded by rule 9", NOW).details())
                .containsEntry("archived_reason", "superseded by rule 9");
        assertThat(store.restore(id, NOW).details()).doesNotContainKey("archived_reason");
    }

    @Test
    void vectorsAreStoredLittleEndianFloat32() throws SQLException {
        long id = store.insert(pattern("p", Optional.empty()), Optional.of(embedding(MODEL, 1.0f, -2.0f))).id();

        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement statement = raw.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT model_id, dimension, vector FROM embeddings WHERE memory_id = " + id)) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo(MODEL);
            assertThat(row.getInt(2)).isEqualTo(2);
            assertThat(row.getBytes(3)).containsExactly(0, 0, (byte) 0x80, 0x3f, 0, 0, 0, (byte) 0xc0);
        }
    }

    @Test
    void timestampsAreIsoTextInUtc() throws SQLException {
        long id = store.insert(pattern("p", Optional.empty()), Optional.empty()).id();

        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement statement = raw.createStatement();
                ResultSet row = statement.executeQuery("SELECT created_at FROM memories WHERE id = " + id)) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("2026-03-01T10:00:00.000Z");
        }
    }

    @Test
    void titleWeightIsSettable() {
        try (SqliteMemoryStore bodyFirst = SqliteMemoryStore.open(folder.resolve("weights.db"), fixedClock(),
                SqliteStoreSettings.defaults().withBm25Weights(0.1, 5.0, 1.0))) {
            long inBody = bodyFirst.insert(memory("Cache", "deadlock deadlock", Optional.empty()), Optional.empty()).id();
            bodyFirst.insert(memory("Deadlock", "locks", Optional.empty()), Optional.empty());

            assertThat(bodyFirst.searchText("deadlock", Optional.empty(), 5).get(0).memoryId()).isEqualTo(inBody);
        }
    }

    @Test
    void retrievalsOlderThanRetentionArePruned() {
        Clock later = Clock.fixed(NOW.plus(Duration.ofDays(10)), ZoneOffset.UTC);
        try (SqliteMemoryStore shortLog = SqliteMemoryStore.open(folder.resolve("retention.db"), later,
                SqliteStoreSettings.defaults().withRetrievalRetention(Duration.ofDays(7)))) {
            long old = shortLog.logRetrieval(retrieval(Optional.empty(), List.of(), NOW.plus(Duration.ofDays(2))));
            long fresh = shortLog.logRetrieval(retrieval(Optional.empty(), List.of(), NOW.plus(Duration.ofDays(9))));

            assertThat(fresh).isGreaterThan(old);
            assertThat(shortLog.findRetrieval(old)).isEmpty();
            assertThat(shortLog.findRetrieval(fresh)).isPresent();
        }
    }

    @Test
    void closedStoreRejectsCalls() {
        store.close();

        assertThatThrownBy(() -> store.find(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private static Clock fixedClock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** Reads a pragma on the store's own connection, because some pragmas are per connection. */
    private static String pragma(MemoryStore target, String name) {
        return ((SqliteMemoryStore) target).pragma(name);
    }

    private static int userVersionOf(Path file) throws SQLException {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = raw.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA user_version")) {
            return row.next() ? row.getInt(1) : 0;
        }
    }
}

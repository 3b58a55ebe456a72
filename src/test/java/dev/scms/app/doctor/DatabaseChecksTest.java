package dev.scms.app.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.NewMemory;
import dev.scms.model.ProjectKey;
import dev.scms.store.StoredEmbedding;
import dev.scms.store.sqlite.DatabaseInspector;
import dev.scms.store.sqlite.SqliteMemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseChecksTest {

    private static final String MODEL = "all-minilm-l6-v2-q";
    private static final Duration BUSY = Duration.ofSeconds(2);

    @TempDir
    Path temp;

    private static NewMemory memory(String title, Layer layer, Optional<ProjectKey> project) {
        return new NewMemory(layer, layer == Layer.L1 ? Kind.RULE : Kind.PATTERN, title, title + " body", Map.of(),
                "", project, List.of(), 0.5, Instant.parse("2026-01-01T00:00:00Z"), title, Optional.empty());
    }

    private Path storeWithMemories() {
        Path file = temp.resolve("scms.db");
        try (SqliteMemoryStore store = SqliteMemoryStore.open(file, Clock.systemUTC())) {
            store.insert(memory("Use WAL", Layer.L0, Optional.empty()), Optional.of(new StoredEmbedding(MODEL,
                    new float[] {1, 0})));
            store.insert(memory("Pool sizing", Layer.L0, Optional.empty()), Optional.empty());
            store.insert(memory("Cart rule", Layer.L1, Optional.of(new ProjectKey("shop"))), Optional.empty());
        }
        return file;
    }

    private static String digest(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void healthyStoreIsAllOk() {
        List<Check> checks = DatabaseChecks.check(storeWithMemories(), MODEL, BUSY);

        assertThat(checks).extracting(Check::message).contains(
                "schema version " + DatabaseInspector.expectedVersion() + ", as this program expects",
                "journal mode wal", "3 memories: 2 L0 active, 1 L1 active");
        assertThat(checks.get(0).message()).endsWith("opens read-only; quick_check ok");
        assertThat(checks).filteredOn(check -> check.status() == Check.Status.WARN).extracting(Check::message)
                .containsExactly("2 active memories have no vector of model " + MODEL + "; the server embeds them "
                        + "in the background after it starts");
        assertThat(checks).noneMatch(check -> check.status() == Check.Status.FAIL);
    }

    @Test
    void inspectionLeavesDatabaseUnchanged() throws Exception {
        Path file = storeWithMemories();
        String before = digest(file);

        DatabaseChecks.check(file, MODEL, BUSY);

        assertThat(digest(file)).isEqualTo(before);
    }

    @Test
    void missingDatabaseIsNotCreated() {
        Path file = temp.resolve("none/scms.db");

        List<Check> checks = DatabaseChecks.check(file, MODEL, BUSY);

        assertThat(checks).singleElement().extracting(Check::status).isEqualTo(Check.Status.OK);
        assertThat(checks.get(0).message()).contains("does not exist yet");
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void newerSchemaFailsAndStaysUntouched() throws Exception {
        Path file = temp.resolve("newer.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = 99");
        }
        String before = digest(file);

        List<Check> checks = DatabaseChecks.check(file, MODEL, BUSY);

        assertThat(checks).filteredOn(check -> check.status() == Check.Status.FAIL).extracting(Check::message)
                .containsExactly("schema version 99 is newer than this program's "
                        + DatabaseInspector.expectedVersion() + "; upgrade scms");
        assertThat(digest(file)).isEqualTo(before);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            assertThat(statement.executeQuery("PRAGMA journal_mode").getString(1)).isEqualTo("delete");
        }
    }

    @Test
    void olderSchemaWarnsOfMigration() throws Exception {
        Path file = temp.resolve("older.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (x)");
            statement.execute("PRAGMA user_version = 1");
        }

        List<Check> checks = DatabaseChecks.check(file, MODEL, BUSY);

        assertThat(checks).extracting(Check::message).anySatisfy(message -> assertThat(message)
                .startsWith("schema version 1 is older than this program's")
                .endsWith("copies the file to older.db.v1.bak and migrates it"));
        assertThat(checks).extracting(Check::message).contains("journal mode delete, not wal; the next start "
                + "switches it to wal");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            assertThat(statement.executeQuery("PRAGMA user_version").getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void fileThatIsNoDatabaseFails() throws Exception {
        Path file = Files.writeString(temp.resolve("text.db"), "this is not SQLite, just some text in a file\n"
                .repeat(20));

        List<Check> checks = DatabaseChecks.check(file, MODEL, BUSY);

        assertThat(checks).singleElement().satisfies(check -> {
            assertThat(check.status()).isEqualTo(Check.Status.FAIL);
            assertThat(check.message()).startsWith("database " + file + " cannot be opened read-only:");
        });
    }

    @Test
    void databaseReadableByOthersWarnsAndKeepsMode() throws Exception {
        Path file = storeWithMemories();
        assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX file system");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        List<Check> checks = DatabaseChecks.check(file, MODEL, BUSY);

        assertThat(checks).contains(Check.warn("database", "database " + file + " has mode 644 (rw-r--r--), so "
                + "group or others can read it; run chmod go-rwx '" + file + "' to make it readable by its owner "
                + "only"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void privateDatabaseHasNoModeWarning() {
        Path file = storeWithMemories();

        List<Check> checks = DatabaseChecks.check(file, MODEL, BUSY);

        assertThat(checks).extracting(Check::message).noneMatch(message -> message.contains("chmod"));
    }
}

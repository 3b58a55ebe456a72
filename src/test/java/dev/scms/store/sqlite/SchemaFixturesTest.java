package dev.scms.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.store.MemoryFilter;
import dev.scms.store.StoreException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Migrates the databases that earlier versions of scms wrote, kept under
 * {@code src/test/resources/fixtures/schema/} (their README describes how each was made), and checks
 * that every row survives and that a failed migration leaves the file as it was.
 */
class SchemaFixturesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    /** Per table, the columns whose values a migration must keep, in a fixed row order. */
    private static final List<String> SNAPSHOT_QUERIES = List.of(
            "SELECT id, layer, kind, title, body, status, helpful_count, unhelpful_count FROM memories ORDER BY id",
            "SELECT memory_id, model_id, dimension, hex(vector) FROM embeddings ORDER BY memory_id",
            "SELECT id, memory_id, outcome, note FROM uses ORDER BY id",
            "SELECT id, pattern_id, rule_id, policy FROM promotions ORDER BY id",
            "SELECT id, query, returned_ids FROM retrievals ORDER BY id");

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void fixtureMigratesKeepingRows(int version) throws Exception {
        Path file = fixture(version);
        List<String> before = snapshot(file);
        // 6 memories (4 remembered, 1 rule, 1 failure), their 6 vectors, 3 uses, 1 promotion, 1 retrieval.
        assertThat(before).as("rows in fixture v%s", version).hasSize(17);

        try (SqliteMemoryStore store = SqliteMemoryStore.open(file, CLOCK)) {
            assertThat(store.list(MemoryFilter.active(100))).hasSize(6);
        }

        assertThat(userVersion(file)).isEqualTo(Migrations.standard().latest());
        assertThat(snapshot(file)).isEqualTo(before);
        Path backup = folder.resolve("scms.db.v" + version + ".bak");
        assertThat(userVersion(backup)).isEqualTo(version);
        assertThat(snapshot(backup)).isEqualTo(before);
    }

    @Test
    void sessionSurvivesMigrationFromVersion3() throws Exception {
        Path file = fixture(3);
        SqliteMemoryStore.open(file, CLOCK).close();

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT retrievals, uses FROM sessions")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(1);
            assertThat(rows.getInt(2)).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void failedMigrationLeavesFileUnchanged(int version) throws Exception {
        Path file = fixture(version);
        byte[] original = Files.readAllBytes(file);
        List<Migrations.Migration> steps = new ArrayList<>(List.of(
                new Migrations.Migration(1, "create tables and full-text index", Schema.VERSION_1),
                new Migrations.Migration(2, "add sentence vectors to embeddings", Schema.VERSION_2),
                new Migrations.Migration(3, "add the sessions table", Schema.VERSION_3),
                new Migrations.Migration(4, "add the store id", Schema.VERSION_4),
                new Migrations.Migration(5, "add the access tokens table", Schema.VERSION_5)));
        steps.add(new Migrations.Migration(6, "fail halfway", List.of("CREATE TABLE half_done (id INTEGER)",
                "INSERT INTO no_such_table VALUES (1)")));

        assertThatThrownBy(() -> SqliteMemoryStore.open(file, CLOCK, SqliteStoreSettings.defaults(),
                new Migrations(steps))).isInstanceOf(StoreException.class).hasMessageContaining("no_such_table");

        assertThat(userVersion(file)).isEqualTo(version);
        assertThat(Files.readAllBytes(file)).as("bytes of the database after the failed migration")
                .isEqualTo(original);
        assertThat(Files.exists(folder.resolve("scms.db-wal"))).as("WAL left behind").isFalse();
    }

    /** Copies fixture {@code v<version>.db} into the temporary folder as {@code scms.db}. */
    private Path fixture(int version) throws Exception {
        Path file = folder.resolve("scms.db");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/schema/v" + version + ".db")) {
            assertThat(in).as("fixture v%s.db on the test class path", version).isNotNull();
            Files.copy(in, file);
        }
        return file;
    }

    /** Returns every row of {@link #SNAPSHOT_QUERIES} as text, one entry per row. */
    private static List<String> snapshot(Path file) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            for (String sql : SNAPSHOT_QUERIES) {
                try (ResultSet result = statement.executeQuery(sql)) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder(sql.substring(sql.indexOf(" FROM ")));
                        for (int i = 1; i <= columns; i++) {
                            row.append(" | ").append(result.getString(i));
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }

    private static int userVersion(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            return Migrations.userVersion(connection);
        }
    }
}

package dev.scms.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.store.MemoryFilter;
import dev.scms.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenExistingTest {

    @TempDir
    Path folder;

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-06T09:00:00Z"), ZoneOffset.UTC);

    @Test
    void missingFileIsRejectedAndNotCreated() {
        Path file = folder.resolve("none").resolve("scms.db");

        assertThatThrownBy(() -> SqliteMemoryStore.openExisting(file, CLOCK, SqliteStoreSettings.defaults()))
                .isInstanceOf(StoreException.class).hasMessageContaining("does not exist");
        assertThat(folder.resolve("none")).doesNotExist();
    }

    @Test
    void olderSchemaIsRejectedAndNotMigrated() throws Exception {
        Path file = folder.resolve("old.db");
        Migrations first = new Migrations(List.of(new Migrations.Migration(1, "create tables", Schema.VERSION_1)));
        SqliteMemoryStore.open(file, CLOCK, SqliteStoreSettings.defaults(), first).close();

        assertThatThrownBy(() -> SqliteMemoryStore.openExisting(file, CLOCK, SqliteStoreSettings.defaults()))
                .isInstanceOf(StoreException.class).hasMessageContaining("schema version 1, older than");
        assertThat(userVersion(file)).isEqualTo(1);
        try (var files = Files.list(folder)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".bak"));
        }
    }

    @Test
    void currentSchemaOpens() {
        Path file = folder.resolve("current.db");
        SqliteMemoryStore.open(file, CLOCK).close();

        try (SqliteMemoryStore store = SqliteMemoryStore.openExisting(file, CLOCK, SqliteStoreSettings.defaults())) {
            assertThat(store.list(MemoryFilter.active(10))).isEmpty();
        }
    }

    private static int userVersion(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            return rows.getInt(1);
        }
    }
}

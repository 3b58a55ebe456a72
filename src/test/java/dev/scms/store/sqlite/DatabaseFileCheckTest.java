package dev.scms.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scms.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseFileCheckTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    @TempDir
    Path folder;

    @Test
    void missingFilePasses() {
        assertThatCode(() -> DatabaseFileCheck.requireDatabaseOrMissing(folder.resolve("new.db"), NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void sqliteFilePasses() throws Exception {
        Path file = folder.resolve("real.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (body TEXT)");
        }

        assertThatCode(() -> DatabaseFileCheck.requireDatabaseOrMissing(file, NOW)).doesNotThrowAnyException();
        assertThatCode(() -> DatabaseFileCheck.requireDatabaseOrMissing(file)).doesNotThrowAnyException();
    }

    @Test
    void folderIsRejected() {
        assertThatThrownBy(() -> DatabaseFileCheck.requireDatabaseOrMissing(folder, NOW))
                .isInstanceOf(StoreException.class).hasMessageContaining(folder + " is not a regular file: it is a folder");
    }

    @Test
    void deviceIsRejectedWithoutAdviceToDelete() {
        Path device = Path.of("/dev/null");
        assumeTrue(Files.exists(device));

        assertThatThrownBy(() -> DatabaseFileCheck.requireDatabaseOrMissing(device, NOW))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("/dev/null is not a regular file: it is a device, FIFO or socket")
                .hasMessageNotContaining("delete");
    }

    @Test
    void garbageIsRejected() throws Exception {
        Path file = Files.write(folder.resolve("garbage.db"), "not a database at all, only text".getBytes());

        assertThatThrownBy(() -> DatabaseFileCheck.requireDatabaseOrMissing(file, NOW))
                .isInstanceOf(StoreException.class).hasMessageContaining("is not a SQLite database");
    }

    @Test
    void oldEmptyFileIsRejected() throws Exception {
        Path file = emptyFileModifiedAt(NOW.minus(DatabaseFileCheck.CREATION_WINDOW).minusSeconds(1));

        assertThatThrownBy(() -> DatabaseFileCheck.requireDatabaseOrMissing(file, NOW))
                .isInstanceOf(StoreException.class).hasMessageContaining("is empty (0 bytes)");
    }

    @Test
    void newEmptyFilePassesOpenButNotInspection() throws Exception {
        Path file = emptyFileModifiedAt(NOW.minusSeconds(1));

        assertThatCode(() -> DatabaseFileCheck.requireDatabaseOrMissing(file, NOW)).doesNotThrowAnyException();
        assertThatThrownBy(() -> DatabaseFileCheck.requireDatabaseOrMissing(file))
                .isInstanceOf(StoreException.class).hasMessageContaining("is empty (0 bytes)");
        assertThat(file).isEmptyFile();
    }

    private Path emptyFileModifiedAt(Instant modified) throws Exception {
        Path file = Files.createFile(folder.resolve("empty.db"));
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}

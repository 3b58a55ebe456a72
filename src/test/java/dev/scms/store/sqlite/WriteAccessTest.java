package dev.scms.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Covers the writable cases; read-only files need a user other than root, see ReadOnlyDatabaseIT. */
class WriteAccessTest {

    @TempDir
    Path folder;

    @Test
    void writableFileHasNoProblem() throws Exception {
        Path file = Files.createFile(folder.resolve("scms.db"));

        assertThat(WriteAccess.problem(file)).isEmpty();
    }

    @Test
    void missingFileInWritableFolderHasNoProblem() {
        assertThat(WriteAccess.problem(folder.resolve("new.db"))).isEmpty();
    }

    @Test
    void missingFolderHasNoProblem() {
        assertThat(WriteAccess.problem(folder.resolve("later").resolve("scms.db"))).isEmpty();
    }
}

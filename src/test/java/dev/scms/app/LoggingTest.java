package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggingTest {

    @TempDir
    Path temp;

    @Test
    void logFilesAreReadableByOwnerOnly() throws Exception {
        assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX file system");
        Path home = temp.resolve("home");

        Logging.createLogFiles(home.resolve("logs"), LocalDate.of(2026, 3, 4));

        assertThat(mode(home)).isEqualTo("rwx------");
        assertThat(mode(home.resolve("logs"))).isEqualTo("rwx------");
        assertThat(mode(home.resolve("logs/scms.2026-03-04.log"))).isEqualTo("rw-------");
    }

    @Test
    void existingLogFileIsKept() throws Exception {
        Path logs = Files.createDirectories(temp.resolve("logs"));
        Path log = Files.writeString(logs.resolve("scms.2026-03-04.log"), "earlier line\n");

        Logging.createLogFiles(logs, LocalDate.of(2026, 3, 4));

        assertThat(log).hasContent("earlier line");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}

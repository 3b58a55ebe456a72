package dev.scms.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Checks the modes of the files a store creates on POSIX file systems. */
class StoreFileModeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path folder;

    private final Logger logger = (Logger) LoggerFactory.getLogger(StoreOpener.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void setUp() {
        assumeTrue(folder.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "the file system of " + folder + " is not POSIX");
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(logged);
    }

    @Test
    void newStoreIsReadableByOwnerOnly() throws Exception {
        Path home = folder.resolve("home");
        Path file = home.resolve("scms.db");

        SqliteMemoryStore store = SqliteMemoryStore.open(file, CLOCK);
        try {
            assertThat(mode(home)).isEqualTo("rwx------");
            assertThat(mode(file)).isEqualTo("rw-------");
            assertThat(mode(home.resolve("scms.db-wal"))).isEqualTo("rw-------");
            assertThat(mode(home.resolve("scms.db-shm"))).isEqualTo("rw-------");
        } finally {
            store.close();
        }
        assertThat(logged.list).isEmpty();
    }

    @Test
    void migrationBackupIsReadableByOwnerOnly() throws Exception {
        Path file = folder.resolve("old.db");
        Migrations first = new Migrations(List.of(new Migrations.Migration(1, "create tables", Schema.VERSION_1)));
        SqliteMemoryStore.open(file, CLOCK, SqliteStoreSettings.defaults(), first).close();

        SqliteMemoryStore.open(file, CLOCK).close();

        assertThat(mode(folder.resolve("old.db.v1.bak"))).isEqualTo("rw-------");
    }

    @Test
    void sharedDatabaseIsReportedNotChanged() throws Exception {
        Path file = folder.resolve("shared.db");
        SqliteMemoryStore.open(file, CLOCK).close();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-x---"));

        SqliteMemoryStore.open(file, CLOCK).close();

        assertThat(mode(file)).isEqualTo("rw-r--r--");
        assertThat(mode(folder)).isEqualTo("rwxr-x---");
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("folder of database " + folder + " has mode 750 (rwxr-x---), so group or others "
                        + "can read it; run chmod go-rwx '" + folder + "' to make it readable by its owner only",
                        "database " + file + " has mode 644 (rw-r--r--), so group or others can read it; run "
                        + "chmod go-rwx '" + file + "' to make it readable by its owner only");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}

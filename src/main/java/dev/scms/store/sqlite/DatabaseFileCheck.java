package dev.scms.store.sqlite;

import dev.scms.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Rejects a path that exists but cannot be a SQLite database, before SQLite opens it. A path that
 * is not a regular file is rejected before its size is read, because a device such as /dev/null
 * reports 0 bytes and deleting it is wrong advice. SQLite would turn an empty file into a new database, so a file that a failed copy left empty would
 * silently become an empty store. Nothing here changes, replaces or renames the path.
 */
final class DatabaseFileCheck {

    /** The first 16 bytes of every SQLite database file (https://www.sqlite.org/fileformat2.html). */
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /**
     * How long an empty file counts as a database that another process has just created. Between
     * creating the file and writing its first page, a starting server takes milliseconds.
     */
    // NOTE: an empty file younger than this is still opened as a new store, so a copy that failed
    // seconds ago is not caught.
    static final Duration CREATION_WINDOW = Duration.ofSeconds(60);

    private DatabaseFileCheck() {
    }

    /**
     * Throws a {@link StoreException} when {@code file} is not a regular file (a folder, device,
     * FIFO or socket) or does not start with the SQLite header. An empty file passes only when it was modified less than
     * {@link #CREATION_WINDOW} before {@code now}. A missing file passes.
     */
    static void requireDatabaseOrMissing(Path file, Instant now) {
        requireDatabaseOrMissing(file, Optional.of(now));
    }

    /** Throws as {@link #requireDatabaseOrMissing(Path, Instant)} does, and for every empty file. */
    static void requireDatabaseOrMissing(Path file) {
        requireDatabaseOrMissing(file, Optional.empty());
    }

    private static void requireDatabaseOrMissing(Path file, Optional<Instant> now) {
        if (!Files.exists(file)) {
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new StoreException("database " + file + " is not a regular file: it is " + kindOf(file)
                    + ". scms leaves it unchanged; set SCMS_DB or the database setting to the path of a SQLite "
                    + "database file");
        }
        try {
            if (Files.size(file) == 0 && !(now.isPresent() && justCreated(file, now.get()))) {
                throw new StoreException("database " + file + " is empty (0 bytes), as a failed copy or a full "
                        + "disk leaves it. scms leaves it unchanged; restore the file from a backup, or delete "
                        + "it to start a new, empty store");
            }
            if (Files.size(file) > 0 && !startsWithSqliteHeader(file)) {
                throw new StoreException("database " + file + " is not a SQLite database: its first bytes are not "
                        + "the SQLite header. scms leaves it unchanged; point SCMS_DB or the database setting at "
                        + "the right file, or restore the file from a backup");
            }
        } catch (IOException e) {
            throw new StoreException("reading database " + file + " failed: " + e.getMessage()
                    + "; check that it is a file this user can read", e);
        }
    }

    private static String kindOf(Path file) {
        return Files.isDirectory(file) ? "a folder" : "a device, FIFO or socket";
    }

    private static boolean justCreated(Path file, Instant now) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        return !modified.toInstant().plus(CREATION_WINDOW).isBefore(now);
    }

    private static boolean startsWithSqliteHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(SQLITE_HEADER.length), SQLITE_HEADER);
        }
    }
}

package dev.scms.store.sqlite;

import dev.scms.store.OwnerOnlyFiles;
import dev.scms.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.JDBC;

/**
 * Opens the connection of a store, configures it and migrates the schema. On POSIX it creates a
 * missing database file with mode 0600 before SQLite opens it, because SQLite gives the -wal and
 * -shm files the mode of the database file.
 */
final class StoreOpener {

    private static final Logger LOG = LoggerFactory.getLogger(StoreOpener.class);

    private static final String OPERATION = "opening the store";

    private StoreOpener() {
    }

    /**
     * Opens the store; with {@code migrate} false it neither creates a missing file nor migrates an
     * older schema, and throws a {@link StoreException} instead. A path that is not a SQLite file
     * is rejected before SQLite opens it, and a WAL problem is logged, see {@link DamagedWalReport}.
     */
    static Database open(Path file, SqliteStoreSettings settings, Migrations migrations, boolean migrate,
            Clock clock) {
        Path absolute = file.toAbsolutePath();
        DatabaseFileCheck.requireDatabaseOrMissing(absolute, clock.instant());
        DamagedWalReport.inspectAndKeep(absolute);
        Optional<String> readOnly = WriteAccess.problem(absolute);
        if (migrate && readOnly.isPresent() && !Files.exists(absolute)) {
            throw new StoreException("creating database " + absolute + " failed: " + readOnly.get()
                    + ", or set SCMS_DB to a path in a writable folder");
        }
        if (migrate) {
            createOwnerOnly(absolute);
        } else if (!Files.isRegularFile(absolute)) {
            throw new StoreException("database " + absolute + " does not exist; scms serve or scms import creates it");
        }
        long busyMillis = settings.busyTimeout().toMillis();
        Connection connection;
        try {
            // Through sqlite-jdbc directly: DriverManager would first load every JDBC driver on the class
            // path, PostgreSQL's included, at each start.
            connection = JDBC.createConnection("jdbc:sqlite:" + absolute, new Properties());
        } catch (SQLException e) {
            throw readOnlyOr(readOnly, Database.translate(absolute, busyMillis, OPERATION, e));
        }
        try {
            configure(connection, absolute, busyMillis, migrations, migrate);
        } catch (SQLException e) {
            closeAfter(connection, e);
            throw readOnlyOr(readOnly, Database.translate(absolute, busyMillis, OPERATION, e));
        } catch (RuntimeException e) {
            closeAfter(connection, e);
            throw readOnly.isPresent() ? readOnlyOr(readOnly, e) : e;
        }
        readOnly.ifPresent(reason -> LOG.warn("{}. Until then scms serves reads only, and every write, such as "
                + "remember or record_use, returns an error", reason));
        warnIfReadableByOthers(absolute.getParent(), "folder of database");
        warnIfReadableByOthers(absolute, "database");
        return new Database(connection, absolute, busyMillis, readOnly);
    }

    /** Returns {@code failure}, or one that starts with {@code readOnly}, the likely cause, when present. */
    private static RuntimeException readOnlyOr(Optional<String> readOnly, RuntimeException failure) {
        if (readOnly.isEmpty()) {
            return failure;
        }
        return new StoreException(readOnly.get() + "; opening it failed: " + failure.getMessage(), failure);
    }

    /**
     * Sets the busy timeout and rejects a newer schema before anything writes to the file, then
     * switches to WAL and migrates. journal_mode is stored in the file, so it must come after the check.
     */
    private static void configure(Connection connection, Path file, long busyMillis, Migrations migrations,
            boolean migrate) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = " + busyMillis);
            migrations.rejectNewer(connection, file);
            if (!migrate) {
                migrations.rejectOlder(connection, file);
            }
            try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                String journalMode = mode.next() ? mode.getString(1) : "unknown";
                if (!"wal".equalsIgnoreCase(journalMode)) {
                    throw new StoreException("database " + file + " could not switch to WAL journal mode (it is "
                            + journalMode + "); check that the file system supports shared memory");
                }
            }
            statement.execute("PRAGMA synchronous = NORMAL");
            statement.execute("PRAGMA foreign_keys = ON");
            migrations.migrate(connection, file);
        }
    }

    private static void createOwnerOnly(Path file) {
        try {
            OwnerOnlyFiles.createFolders(file.getParent());
        } catch (IOException e) {
            throw new StoreException("creating the folder of database " + file + " failed: " + e.getMessage()
                    + "; check that this user can write the nearest existing folder above it, or set SCMS_DB to a "
                    + "path in a writable folder", e);
        }
        try {
            OwnerOnlyFiles.createFile(file);
        } catch (IOException e) {
            throw new StoreException("creating database " + file + " failed: " + e.getMessage()
                    + "; check the permissions of its folder", e);
        }
    }

    /** Logs a warning and leaves the mode as it is, because the user may have chosen it. */
    private static void warnIfReadableByOthers(Path path, String description) {
        try {
            Optional<String> warning = OwnerOnlyFiles.readableByOthers(path, description);
            warning.ifPresent(LOG::warn);
        } catch (IOException e) {
            LOG.warn("Reading the permissions of {} failed: {}", path, e.toString());
        }
    }

    private static void closeAfter(Connection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
    }
}

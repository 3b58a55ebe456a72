package dev.scms.store.sqlite;

import dev.scms.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens the connection of a store, configures it and migrates the schema. */
final class StoreOpener {

    private static final String OPERATION = "opening the store";

    private StoreOpener() {
    }

    static Database open(Path file, SqliteStoreSettings settings, Migrations migrations) {
        return open(file, settings, migrations, true);
    }

    /**
     * Opens the store; with {@code migrate} false it neither creates a missing file nor migrates an
     * older schema, and throws a {@link StoreException} instead.
     */
    static Database open(Path file, SqliteStoreSettings settings, Migrations migrations, boolean migrate) {
        Path absolute = file.toAbsolutePath();
        if (migrate) {
            createParentFolders(absolute);
        } else if (!Files.isRegularFile(absolute)) {
            throw new StoreException("database " + absolute + " does not exist; scms serve or scms import creates it");
        }
        long busyMillis = settings.busyTimeout().toMillis();
        Connection connection;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + absolute);
        } catch (SQLException e) {
            throw Database.translate(absolute, busyMillis, OPERATION, e);
        }
        try {
            configure(connection, absolute, busyMillis, migrations, migrate);
        } catch (SQLException e) {
            closeAfter(connection, e);
            throw Database.translate(absolute, busyMillis, OPERATION, e);
        } catch (RuntimeException e) {
            closeAfter(connection, e);
            throw e;
        }
        return new Database(connection, absolute, busyMillis);
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

    private static void createParentFolders(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StoreException("creating the folder of database " + file + " failed: " + e.getMessage(), e);
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

package dev.scms.store.sqlite;

import dev.scms.store.OwnerOnlyFiles;
import dev.scms.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ordered schema migrations tracked by {@code PRAGMA user_version}. The pending migrations run
 * together in one {@code BEGIN IMMEDIATE} transaction, each setting its version as its last
 * statement. An existing database at an older version is copied to {@code <name>.v<old>.bak} first.
 */
final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** One schema step; {@code version} is the user_version the database has after it. */
    record Migration(int version, String description, List<String> statements) {

        Migration {
            statements = List.copyOf(statements);
        }
    }

    private final List<Migration> steps;

    Migrations(List<Migration> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migration " + i + " must have version " + (i + 1) + ", got "
                        + steps.get(i).version());
            }
        }
        this.steps = List.copyOf(steps);
    }

    static Migrations standard() {
        return new Migrations(List.of(new Migration(1, "create tables and full-text index", Schema.VERSION_1),
                new Migration(2, "add sentence vectors to embeddings", Schema.VERSION_2),
                new Migration(3, "add the sessions table", Schema.VERSION_3),
                new Migration(4, "add the store id", Schema.VERSION_4),
                new Migration(5, "add the access tokens table", Schema.VERSION_5)));
    }

    int latest() {
        return steps.size();
    }

    /**
     * Rejects a database newer than this program. Runs before anything writes to the file, so
     * such a database is left unchanged.
     */
    void rejectNewer(Connection connection, Path file) throws SQLException {
        int version = userVersion(connection);
        if (version > latest()) {
            throw new StoreException("database " + file + " has schema version " + version
                    + ", newer than this program's " + latest() + "; upgrade scms");
        }
    }

    /**
     * Rejects a database older than this program, for callers that must not migrate. Runs before
     * anything writes to the file, so such a database is left unchanged.
     */
    void rejectOlder(Connection connection, Path file) throws SQLException {
        int version = userVersion(connection);
        if (version < latest()) {
            throw new StoreException("database " + file + " has schema version " + version + ", older than this "
                    + "program's " + latest() + "; start scms serve or run scms list once to migrate it");
        }
    }

    /** Brings the database to the latest version, backing up an older non-empty one first. */
    void migrate(Connection connection, Path file) throws SQLException {
        int version = userVersion(connection);
        if (version == latest()) {
            return;
        }
        if (version > 0) {
            backUp(connection, file, version);
        }
        applyPending(connection, file);
    }

    static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    /**
     * Runs every step above the version in one {@code BEGIN IMMEDIATE} transaction, so a step that
     * fails rolls back the steps before it too and leaves the file at its old version.
     */
    private void applyPending(Connection connection, Path file) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                // Another process may have migrated since this connection read the version.
                List<Migration> pending = steps.subList(Math.min(userVersion(connection), latest()), latest());
                for (Migration step : pending) {
                    for (String sql : step.statements()) {
                        statement.execute(sql);
                    }
                    statement.execute("PRAGMA user_version = " + step.version());
                }
                statement.execute("COMMIT");
                for (Migration step : pending) {
                    LOG.info("Migrated database {} to schema version {}: {}", file, step.version(), step.description());
                }
            } catch (SQLException | RuntimeException e) {
                try {
                    statement.execute("ROLLBACK");
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    /**
     * Copies the database with {@code VACUUM INTO}, which reads one consistent snapshot that
     * includes committed WAL content, so the copy is whole even while other processes write.
     */
    private static void backUp(Connection connection, Path file, int version) throws SQLException {
        Path backup = freeBackupPath(file, version);
        // VACUUM INTO writes into an empty file and keeps its mode, so the copy stays private like the database.
        try {
            OwnerOnlyFiles.createFile(backup);
        } catch (IOException e) {
            throw new StoreException("creating backup " + backup + " of database " + file + " failed: "
                    + e.getMessage(), e);
        }
        try (PreparedStatement statement = connection.prepareStatement("VACUUM INTO ?")) {
            statement.setString(1, backup.toString());
            statement.execute();
        }
        LOG.info("Copied database {} at schema version {} to {} before migrating", file, version, backup);
    }

    /** Returns {@code <name>.v<version>.bak}, or {@code <name>.v<version>.<n>.bak} when that exists. */
    static Path freeBackupPath(Path file, int version) {
        String prefix = file.getFileName() + ".v" + version;
        Path candidate = file.resolveSibling(prefix + ".bak");
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = file.resolveSibling(prefix + "." + n + ".bak");
        }
        return candidate;
    }
}

package dev.scms.store.postgres;

import dev.scms.store.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ordered schema migrations of a PostgreSQL store, tracked in the one-row table
 * {@code schema_version}. The pending steps run in one transaction that holds an advisory lock,
 * so two servers that start together migrate once, and a failed step leaves the database at its
 * old version.
 */
final class PostgresMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresMigrations.class);

    /** The advisory lock key held while migrating: "scms" in ASCII, then 1. */
    private static final long MIGRATION_LOCK = 0x73636d7300000001L;

    /** The steps; step i brings the database to version i + 1. */
    private static final List<List<String>> STEPS = List.of(PostgresSchema.VERSION_1, PostgresSchema.VERSION_2);

    private static final List<String> DESCRIPTIONS = List.of("create tables, full-text index and change sequence",
            "add the access_tokens table");

    private PostgresMigrations() {
    }

    /** Returns the schema version this program writes. */
    static int latest() {
        return STEPS.size();
    }

    /**
     * Brings the database to the latest version and returns true when pgvector's column exists. A
     * database newer than this program is rejected before anything changes. A database at the
     * latest version with nothing to add is only read, so a role without the CREATE privilege
     * can open it and a short-lived command pays no lock.
     */
    static boolean migrate(Connection connection, String location) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (isCurrent(statement, location)) {
                return hasPgvectorColumn(statement);
            }
        }
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)");
            int version = version(statement);
            if (version > latest()) {
                throw newer(location, version);
            }
            for (int step = version; step < latest(); step++) {
                for (String sql : STEPS.get(step)) {
                    statement.execute(sql);
                }
            }
            if (version < latest()) {
                statement.execute("DELETE FROM schema_version");
                statement.execute("INSERT INTO schema_version (version) VALUES (" + latest() + ")");
            }
            boolean pgvector = addPgvectorColumn(connection, statement, location);
            connection.commit();
            for (int step = version; step < latest(); step++) {
                LOG.info("Migrated PostgreSQL store {} to schema version {}: {}", location, step + 1, DESCRIPTIONS.get(step));
            }
            return pgvector;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Returns true when the schema is at the latest version and the pgvector column exists or
     * cannot be added; rejects a newer schema.
     */
    private static boolean isCurrent(Statement statement, String location) throws SQLException {
        try (ResultSet row = statement.executeQuery("SELECT to_regclass('schema_version') IS NOT NULL")) {
            row.next();
            if (!row.getBoolean(1)) {
                return false;
            }
        }
        int version = version(statement);
        if (version > latest()) {
            throw newer(location, version);
        }
        if (version < latest()) {
            return false;
        }
        try (ResultSet row = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_available_extensions"
                + " WHERE name = 'vector')")) {
            row.next();
            return !row.getBoolean(1) || hasPgvectorColumn(statement);
        }
    }

    private static boolean hasPgvectorColumn(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = 'embeddings'"
                + " AND column_name = 'embedding')")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private static StoreException newer(String location, int version) {
        return new StoreException("PostgreSQL store " + location + " has schema version " + version
                + ", newer than this program's " + latest() + "; upgrade scms");
    }

    /** Returns the stored version, 0 for an empty database. */
    static int version(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("SELECT max(version) FROM schema_version")) {
            return row.next() ? row.getInt(1) : 0;
        }
    }

    /**
     * Creates the pgvector extension when the server has it, and the vector column. A server
     * without the extension, or a role that may not create it, keeps the store without the column.
     */
    private static boolean addPgvectorColumn(Connection connection, Statement statement, String location)
            throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
            for (String sql : PostgresSchema.PGVECTOR) {
                statement.execute(sql);
            }
            connection.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            connection.rollback(savepoint);
            LOG.debug("PostgreSQL store {} keeps no pgvector column: {}", location, e.getMessage());
            return false;
        }
    }
}

package dev.scms.store.postgres;

import dev.scms.store.StoreException;
import dev.scms.store.sqlite.DatabaseInspector;
import dev.scms.store.sqlite.DatabaseReport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sqlite.SQLiteConfig;

/**
 * Copies a SQLite store into a PostgreSQL store table by table, keeping ids, counters, vectors
 * and sequence positions. The copy runs in one PostgreSQL transaction that holds the store's
 * write lock, and reads the SQLite file in one read transaction, so it copies one consistent
 * snapshot. It compares the row counts of every table before it commits, and rolls back on any
 * difference.
 */
public final class SqliteToPostgres {

    /** The row counts differed after the copy, which was rolled back; the report shows them. */
    public static final class CountMismatchException extends StoreException {

        private final transient MigrationReport report;

        CountMismatchException(String message, MigrationReport report) {
            super(message);
            this.report = report;
        }

        public MigrationReport report() {
            return report;
        }
    }

    private SqliteToPostgres() {
    }

    /**
     * Copies the SQLite store in {@code file} into the PostgreSQL store at {@code target},
     * creating the target's tables when they are missing.
     *
     * @param replace whether rows already in the target are deleted first, in the same
     *     transaction. Without it, a target that has rows is rejected and nothing changes.
     * @param busyTimeout how long to wait for the target's write lock and the file's locks
     * @throws CountMismatchException when a table's row counts differ after the copy
     * @throws StoreException when the source is not a SQLite store of this program's schema
     *     version, the target is not empty, or a read or write fails
     */
    public static MigrationReport copy(Path file, PostgresUrl target, boolean replace, Duration busyTimeout) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(target, "target");
        Path source = file.toAbsolutePath();
        requireCurrentSource(source, busyTimeout);
        boolean pgvector;
        try (PostgresMemoryStore store = PostgresMemoryStore.open(target, Clock.systemUTC(),
                PostgresStoreSettings.defaults().withBusyTimeout(busyTimeout))) {
            pgvector = store.hasPgvectorColumn();
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        try (Connection reader = config.createConnection("jdbc:sqlite:" + source)) {
            reader.setAutoCommit(false);
            try {
                return copy(reader, source, target, replace, busyTimeout, pgvector);
            } finally {
                reader.rollback();
            }
        } catch (SQLException e) {
            throw new StoreException("reading database " + source + " failed: " + e.getMessage(), e);
        }
    }

    private static MigrationReport copy(Connection reader, Path source, PostgresUrl target, boolean replace,
            Duration busyTimeout, boolean pgvector) throws SQLException {
        TableCopier copier = new TableCopier(reader, source);
        copier.rejectUnknownTables();
        NulTextScan.reject(reader, source);
        String operation = "copy of " + source + " into the PostgreSQL store";
        try (Connection writer = DriverManager.getConnection(target.jdbcUrl(), target.properties())) {
            writer.setAutoCommit(false);
            try {
                lock(writer, busyTimeout);
                long deleted = emptyTarget(writer, target, replace);
                for (MigrationTables.Table table : MigrationTables.TABLES) {
                    copier.copy(table, writer, pgvector);
                }
                copier.moveSequences(writer);
                MigrationReport report = new MigrationReport(counts(reader, writer), deleted);
                if (!report.matches()) {
                    writer.rollback();
                    throw new CountMismatchException("the row counts of " + source + " and " + target.display()
                            + " differ after the copy, so it was rolled back and the PostgreSQL store is unchanged",
                            report);
                }
                writer.commit();
                return report;
            } catch (SQLException | RuntimeException e) {
                writer.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw PostgresConnections.translate(target, busyTimeout, operation, e);
        }
    }

    private static void requireCurrentSource(Path source, Duration busyTimeout) {
        DatabaseReport report = DatabaseInspector.inspect(source, "", busyTimeout);
        if (!report.exists()) {
            throw new StoreException("database " + source + " does not exist; set --db or SCMS_DB to the SQLite file "
                    + "to copy");
        }
        int expected = DatabaseInspector.expectedVersion();
        if (report.schemaVersion() > expected) {
            throw new StoreException("database " + source + " has schema version " + report.schemaVersion()
                    + ", newer than this program's " + expected + "; upgrade scms");
        }
        if (report.schemaVersion() < expected) {
            throw new StoreException("database " + source + " has schema version " + report.schemaVersion()
                    + ", older than this program's " + expected + "; run scms list once on it to migrate it, then"
                    + " copy it");
        }
    }

    private static void lock(Connection writer, Duration busyTimeout) throws SQLException {
        try (Statement statement = writer.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = " + Math.max(1, busyTimeout.toMillis()));
            statement.execute("SELECT pg_advisory_xact_lock(" + PostgresConnections.WRITE_LOCK + ")");
        }
    }

    /** Returns the rows deleted from the target; a target with rows is rejected unless {@code replace}. */
    private static long emptyTarget(Connection writer, PostgresUrl target, boolean replace) throws SQLException {
        List<String> filled = new ArrayList<>();
        long rows = 0;
        for (MigrationTables.Table table : MigrationTables.TABLES) {
            if (table.name().equals("store_info")) {
                continue;
            }
            long count = count(writer, table.name());
            if (count > 0) {
                filled.add(table.name() + " " + count);
                rows += count;
            }
        }
        if (rows == 0) {
            return 0;
        }
        if (!replace) {
            throw new StoreException("PostgreSQL store " + target.display() + " is not empty (" + String.join(", ", filled)
                    + " rows); copy into an empty database, or pass --replace to delete those rows first");
        }
        try (Statement statement = writer.createStatement()) {
            List<MigrationTables.Table> reversed = new ArrayList<>(MigrationTables.TABLES);
            java.util.Collections.reverse(reversed);
            for (MigrationTables.Table table : reversed) {
                if (!table.name().equals("store_info")) {
                    statement.executeUpdate("DELETE FROM " + table.name());
                }
            }
        }
        return rows;
    }

    private static List<MigrationReport.TableCount> counts(Connection reader, Connection writer) throws SQLException {
        List<MigrationReport.TableCount> counts = new ArrayList<>();
        for (MigrationTables.Table table : MigrationTables.TABLES) {
            counts.add(new MigrationReport.TableCount(table.name(), count(reader, table.name()),
                    count(writer, table.name())));
        }
        return counts;
    }

    static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                var row = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }
}

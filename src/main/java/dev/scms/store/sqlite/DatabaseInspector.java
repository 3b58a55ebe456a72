package dev.scms.store.sqlite;

import dev.scms.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sqlite.SQLiteConfig;

/**
 * Looks at a database file through a read-only connection, for {@code scms doctor}. Unlike
 * {@link SqliteMemoryStore#open}, it never creates the file, switches the journal mode or
 * migrates the schema, so it can check a database that another process is using or that a
 * newer or older program wrote.
 */
public final class DatabaseInspector {

    private DatabaseInspector() {
    }

    /** Returns the schema version that opening a store migrates a database to. */
    public static int expectedVersion() {
        return Migrations.standard().latest();
    }

    /**
     * Inspects {@code file}; counts of memories without a vector refer to {@code modelId}.
     *
     * @throws StoreException when the path is a folder, an empty file or not SQLite, or cannot be read
     */
    public static DatabaseReport inspect(Path file, String modelId, Duration busyTimeout) {
        Path absolute = file.toAbsolutePath();
        if (!Files.exists(absolute)) {
            return DatabaseReport.missing(absolute, expectedVersion());
        }
        DatabaseFileCheck.requireDatabaseOrMissing(absolute);
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        try (Connection connection = config.createConnection("jdbc:sqlite:" + absolute)) {
            int version = Migrations.userVersion(connection);
            String journalMode = single(connection, "PRAGMA journal_mode");
            List<String> integrity = column(connection, "PRAGMA quick_check");
            boolean hasMemories = column(connection, "SELECT name FROM sqlite_master WHERE type = 'table' "
                    + "AND name IN ('memories', 'embeddings')").size() == 2;
            Map<String, Long> memories = hasMemories ? memoryCounts(connection) : Map.of();
            long withoutVector = hasMemories ? withoutVector(connection, modelId) : 0;
            return new DatabaseReport(absolute, true, version, expectedVersion(), journalMode, integrity, memories,
                    withoutVector);
        } catch (SQLException e) {
            throw Database.translate(absolute, busyTimeout.toMillis(), "inspecting the database", e);
        }
    }

    private static Map<String, Long> memoryCounts(Connection connection) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT layer, status, COUNT(*) FROM memories "
                        + "GROUP BY layer, status")) {
            while (rows.next()) {
                counts.put(rows.getString(1) + " " + rows.getString(2), rows.getLong(3));
            }
        }
        return counts;
    }

    private static long withoutVector(Connection connection, String modelId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM memories m "
                + "WHERE m.status = 'active' AND NOT EXISTS (SELECT 1 FROM embeddings e "
                + "WHERE e.memory_id = m.id AND e.model_id = ?)")) {
            statement.setString(1, modelId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        List<String> values = column(connection, sql);
        return values.isEmpty() ? "" : values.get(0);
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}

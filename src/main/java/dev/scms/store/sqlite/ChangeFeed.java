package dev.scms.store.sqlite;

import dev.scms.store.ChangedMemory;
import dev.scms.store.VectorBytes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists memories changed after a sequence, and skips the query when nothing can have changed.
 * SQLite's {@code PRAGMA data_version} changes when another connection commits, and
 * {@link Database} counts this connection's own commits.
 */
final class ChangeFeed {

    private final Database database;

    // Guarded by the database lock, which read() holds while these are read and written.
    private long seenDataVersion = -1;
    private long seenLocalWrites = -1;
    private long seenMaxSeq = Long.MAX_VALUE;

    ChangeFeed(Database database) {
        this.database = database;
    }

    /** Returns up to {@code limit} changes after {@code afterSeq}; a full page leaves the rest for the next call. */
    List<ChangedMemory> changesSince(long afterSeq, String modelId, int limit) {
        return database.read("list of changes after sequence " + afterSeq, connection -> {
            long dataVersion = dataVersion(connection);
            long localWrites = database.committedWrites();
            if (dataVersion == seenDataVersion && localWrites == seenLocalWrites && afterSeq >= seenMaxSeq) {
                return List.of();
            }
            // Read the maximum before the rows: a commit in between only makes the next call query again.
            long maxSeq = maxSeq(connection);
            List<ChangedMemory> changes = query(connection, afterSeq, modelId, limit);
            if (changes.size() >= limit) {
                // More rows may follow, so the next call must query again.
                return changes;
            }
            seenDataVersion = dataVersion;
            seenLocalWrites = localWrites;
            seenMaxSeq = maxSeq;
            return changes;
        });
    }

    private static List<ChangedMemory> query(Connection connection, long afterSeq, String modelId, int limit)
            throws SQLException {
        String sql = "SELECT " + Rows.MEMORY_COLUMNS + ", e.vector, e.dimension, e.sentences FROM memories m"
                + " LEFT JOIN embeddings e ON e.memory_id = m.id AND e.model_id = ?"
                + " WHERE m.change_seq > ? ORDER BY m.change_seq LIMIT ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, modelId);
            statement.setLong(2, afterSeq);
            statement.setInt(3, limit);
            List<ChangedMemory> changes = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byte[] vector = rows.getBytes("vector");
                    List<float[]> sentences = VectorBytes.vectors(rows.getBytes("sentences"), rows.getInt("dimension"));
                    changes.add(new ChangedMemory(Rows.memory(rows),
                            vector == null ? Optional.empty() : Optional.of(VectorBytes.vector(vector)), sentences));
                }
            }
            return changes;
        }
    }

    private static long dataVersion(Connection connection) throws SQLException {
        return singleLong(connection, "PRAGMA data_version");
    }

    private static long maxSeq(Connection connection) throws SQLException {
        return singleLong(connection, "SELECT COALESCE(MAX(change_seq), 0) FROM memories");
    }

    private static long singleLong(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getLong(1) : 0;
        }
    }
}

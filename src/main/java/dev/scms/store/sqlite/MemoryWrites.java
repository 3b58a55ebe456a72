package dev.scms.store.sqlite;

import dev.scms.model.NewMemory;
import dev.scms.model.Outcome;
import dev.scms.model.Use;
import dev.scms.store.MemoryNotFoundException;
import dev.scms.store.StoredEmbedding;
import dev.scms.store.VectorBytes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;

/**
 * Changes to memory rows, run inside a write transaction of {@link Database}. Every change
 * sets {@code change_seq} to {@link Rows#NEXT_CHANGE_SEQ}, and counters rise in SQL.
 */
final class MemoryWrites {

    private static final String INSERT = "INSERT INTO memories (layer, kind, title, body, details, domain, project, tags,"
            + " importance, status, created_at, updated_at, content_hash, change_seq, external_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, " + Rows.NEXT_CHANGE_SEQ + ", ?)";

    // A use never moves last_used_at backwards, whatever order uses arrive in.
    private static final String RAISE_HELPFUL = "UPDATE memories SET helpful_count = helpful_count + 1,"
            + " last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < ? THEN ? ELSE last_used_at END,"
            + " change_seq = " + Rows.NEXT_CHANGE_SEQ + " WHERE id = ?";

    private static final String RAISE_UNHELPFUL = "UPDATE memories SET unhelpful_count = unhelpful_count + 1,"
            + " change_seq = " + Rows.NEXT_CHANGE_SEQ + " WHERE id = ?";

    private MemoryWrites() {
    }

    /** Inserts the memory and returns its id. */
    static long insert(Connection connection, NewMemory memory) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            String createdAt = Rows.timestamp(memory.createdAt());
            statement.setString(1, memory.layer().name());
            statement.setString(2, memory.kind().wireName());
            statement.setString(3, memory.title());
            statement.setString(4, memory.body());
            statement.setString(5, Rows.json(memory.details()));
            statement.setString(6, memory.domain());
            Rows.setProject(statement, 7, memory.project());
            statement.setString(8, Rows.json(memory.tags()));
            statement.setDouble(9, memory.importance());
            statement.setString(10, createdAt);
            statement.setString(11, createdAt);
            statement.setString(12, memory.contentHash());
            if (memory.externalId().isPresent()) {
                statement.setString(13, memory.externalId().get());
            } else {
                statement.setNull(13, Types.VARCHAR);
            }
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("SQLite returned no id for the inserted memory");
                }
                return keys.getLong(1);
            }
        }
    }

    /** Inserts the use row and raises the memory's counter for its outcome. */
    static void recordUse(Connection connection, Use use) throws SQLException {
        String at = Rows.timestamp(use.at());
        if (use.outcome() == Outcome.HELPFUL) {
            update(connection, use.memoryId(), RAISE_HELPFUL, at, at, use.memoryId());
        } else {
            update(connection, use.memoryId(), RAISE_UNHELPFUL, use.memoryId());
        }
        String sql = "INSERT INTO uses (memory_id, \"user\", project, session, outcome, note, retrieval_id, at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, use.memoryId());
            statement.setString(2, use.user());
            Rows.setProject(statement, 3, use.project());
            statement.setString(4, use.session());
            statement.setString(5, use.outcome().wireName());
            statement.setString(6, use.note());
            if (use.retrievalId().isPresent()) {
                statement.setLong(7, use.retrievalId().get());
            } else {
                statement.setNull(7, Types.INTEGER);
            }
            statement.setString(8, at);
            statement.executeUpdate();
        }
    }

    static void recordOccurrence(Connection connection, long id, Instant at) throws SQLException {
        update(connection, id, "UPDATE memories SET occurrences = occurrences + 1, updated_at = ?, change_seq = "
                + Rows.NEXT_CHANGE_SEQ + " WHERE id = ?", Rows.timestamp(at), id);
    }

    /** Archives the memory and keeps the reason in its details, under {@code archived_reason}. */
    static void archive(Connection connection, long id, String reason, Instant at) throws SQLException {
        update(connection, id, "UPDATE memories SET status = 'archived', updated_at = ?,"
                + " details = json_set(details, '$.archived_reason', ?), change_seq = " + Rows.NEXT_CHANGE_SEQ
                + " WHERE id = ?", Rows.timestamp(at), reason, id);
    }

    static void restore(Connection connection, long id, Instant at) throws SQLException {
        update(connection, id, "UPDATE memories SET status = 'active', updated_at = ?,"
                + " details = json_remove(details, '$.archived_reason'), change_seq = " + Rows.NEXT_CHANGE_SEQ
                + " WHERE id = ?", Rows.timestamp(at), id);
    }

    /** Stores or replaces the embedding and raises the memory's change sequence. */
    // NOTE: the table keeps one embedding per memory, so two servers with different model settings on
    // one database replace each other's vectors in their background backfill and re-embed in turn.
    // Scans never mix them, because every query that reads vectors filters on model_id.
    static void putEmbedding(Connection connection, long memoryId, StoredEmbedding embedding) throws SQLException {
        String sql = "INSERT INTO embeddings (memory_id, model_id, dimension, vector, sentences) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (memory_id) DO UPDATE SET model_id = excluded.model_id,"
                + " dimension = excluded.dimension, vector = excluded.vector, sentences = excluded.sentences";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, memoryId);
            statement.setString(2, embedding.modelId());
            statement.setInt(3, embedding.dimension());
            statement.setBytes(4, VectorBytes.vectorBytes(embedding.vector()));
            statement.setBytes(5, VectorBytes.vectorsBytes(embedding.sentences()));
            statement.executeUpdate();
        }
        update(connection, memoryId, "UPDATE memories SET change_seq = " + Rows.NEXT_CHANGE_SEQ + " WHERE id = ?",
                memoryId);
    }

    /** Runs an update of one memory row; no row changed means the id is unknown. */
    private static void update(Connection connection, long id, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            if (statement.executeUpdate() == 0) {
                throw new MemoryNotFoundException(id);
            }
        }
    }
}

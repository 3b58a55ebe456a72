package dev.scms.store.postgres;

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
import java.sql.Types;
import java.time.Instant;

/**
 * Changes to memory rows, run inside a write transaction of {@link PostgresConnections}. Every
 * change sets {@code change_seq} to {@link PgRows#NEXT_CHANGE_SEQ}, and counters rise in SQL.
 */
final class PgMemoryWrites {

    private static final String INSERT = "INSERT INTO memories (layer, kind, title, body, details, domain, project, tags,"
            + " importance, status, created_at, updated_at, content_hash, change_seq, external_id)"
            + " VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, 'active', ?, ?, ?, " + PgRows.NEXT_CHANGE_SEQ + ", ?)"
            + " RETURNING id";

    // A use never moves last_used_at backwards, whatever order uses arrive in.
    private static final String RAISE_HELPFUL = "UPDATE memories SET helpful_count = helpful_count + 1,"
            + " last_used_at = GREATEST(last_used_at, ?), change_seq = " + PgRows.NEXT_CHANGE_SEQ + " WHERE id = ?";

    private static final String RAISE_UNHELPFUL = "UPDATE memories SET unhelpful_count = unhelpful_count + 1,"
            + " change_seq = " + PgRows.NEXT_CHANGE_SEQ + " WHERE id = ?";

    private PgMemoryWrites() {
    }

    /** Inserts the memory and returns its id. */
    static long insert(Connection connection, NewMemory memory) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setString(1, memory.layer().name());
            statement.setString(2, memory.kind().wireName());
            statement.setString(3, memory.title());
            statement.setString(4, memory.body());
            statement.setString(5, PgRows.json(memory.details()));
            statement.setString(6, memory.domain());
            PgRows.setProject(statement, 7, memory.project());
            statement.setString(8, PgRows.json(memory.tags()));
            statement.setDouble(9, memory.importance());
            PgRows.setInstant(statement, 10, memory.createdAt());
            PgRows.setInstant(statement, 11, memory.createdAt());
            statement.setString(12, memory.contentHash());
            if (memory.externalId().isPresent()) {
                statement.setString(13, memory.externalId().get());
            } else {
                statement.setNull(13, Types.VARCHAR);
            }
            try (ResultSet keys = statement.executeQuery()) {
                if (!keys.next()) {
                    throw new SQLException("PostgreSQL returned no id for the inserted memory");
                }
                return keys.getLong(1);
            }
        }
    }

    /** Raises the memory's counter for the use's outcome and inserts the use row. */
    static void recordUse(Connection connection, Use use) throws SQLException {
        if (use.outcome() == Outcome.HELPFUL) {
            update(connection, use.memoryId(), RAISE_HELPFUL, use.at(), use.memoryId());
        } else {
            update(connection, use.memoryId(), RAISE_UNHELPFUL, use.memoryId());
        }
        String sql = "INSERT INTO uses (memory_id, \"user\", project, session, outcome, note, retrieval_id, at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, use.memoryId());
            statement.setString(2, use.user());
            PgRows.setProject(statement, 3, use.project());
            statement.setString(4, use.session());
            statement.setString(5, use.outcome().wireName());
            statement.setString(6, use.note());
            if (use.retrievalId().isPresent()) {
                statement.setLong(7, use.retrievalId().get());
            } else {
                statement.setNull(7, Types.BIGINT);
            }
            PgRows.setInstant(statement, 8, use.at());
            statement.executeUpdate();
        }
    }

    static void recordOccurrence(Connection connection, long id, Instant at) throws SQLException {
        update(connection, id, "UPDATE memories SET occurrences = occurrences + 1, updated_at = ?, change_seq = "
                + PgRows.NEXT_CHANGE_SEQ + " WHERE id = ?", at, id);
    }

    /** Archives the memory and keeps the reason in its details, under {@code archived_reason}. */
    static void archive(Connection connection, long id, String reason, Instant at) throws SQLException {
        update(connection, id, "UPDATE memories SET status = 'archived', updated_at = ?,"
                + " details = details || jsonb_build_object('archived_reason', ?::text), change_seq = "
                + PgRows.NEXT_CHANGE_SEQ + " WHERE id = ?", at, reason, id);
    }

    static void restore(Connection connection, long id, Instant at) throws SQLException {
        update(connection, id, "UPDATE memories SET status = 'active', updated_at = ?,"
                + " details = details - 'archived_reason', change_seq = " + PgRows.NEXT_CHANGE_SEQ + " WHERE id = ?",
                at, id);
    }

    /**
     * Stores or replaces the embedding and raises the memory's change sequence. With pgvector,
     * a vector of {@link PostgresSchema#PGVECTOR_DIMENSION} values also fills the vector column.
     */
    // NOTE: the tests run on Debian's PostgreSQL, which has no pgvector, so the branch that fills the
    // vector column has not run against a server with the extension.
    static void putEmbedding(Connection connection, long memoryId, StoredEmbedding embedding, boolean pgvector)
            throws SQLException {
        boolean fillColumn = pgvector && embedding.dimension() == PostgresSchema.PGVECTOR_DIMENSION;
        String column = pgvector ? ", embedding" : "";
        String value = pgvector ? ", ?::vector" : "";
        String sql = "INSERT INTO embeddings (memory_id, model_id, dimension, vector, sentences" + column + ")"
                + " VALUES (?, ?, ?, ?, ?" + value + ") ON CONFLICT (memory_id) DO UPDATE SET"
                + " model_id = excluded.model_id, dimension = excluded.dimension, vector = excluded.vector,"
                + " sentences = excluded.sentences" + (pgvector ? ", embedding = excluded.embedding" : "");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, memoryId);
            statement.setString(2, embedding.modelId());
            statement.setInt(3, embedding.dimension());
            statement.setBytes(4, VectorBytes.vectorBytes(embedding.vector()));
            statement.setBytes(5, VectorBytes.vectorsBytes(embedding.sentences()));
            if (pgvector) {
                statement.setString(6, fillColumn ? vectorText(embedding.vector()) : null);
            }
            statement.executeUpdate();
        }
        update(connection, memoryId, "UPDATE memories SET change_seq = " + PgRows.NEXT_CHANGE_SEQ + " WHERE id = ?",
                memoryId);
    }

    /** Returns pgvector's text form of a vector: {@code [0.1,0.2]}. */
    static String vectorText(float[] vector) {
        StringBuilder text = new StringBuilder(vector.length * 12).append('[');
        for (int i = 0; i < vector.length; i++) {
            text.append(i == 0 ? "" : ",").append(vector[i]);
        }
        return text.append(']').toString();
    }

    /** Runs an update of one memory row; no row changed means the id is unknown. */
    private static void update(Connection connection, long id, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            PgRows.bind(statement, parameters);
            if (statement.executeUpdate() == 0) {
                throw new MemoryNotFoundException(id);
            }
        }
    }
}

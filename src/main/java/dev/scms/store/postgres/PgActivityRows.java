package dev.scms.store.postgres;

import dev.scms.model.Layer;
import dev.scms.model.NewMemory;
import dev.scms.model.ProjectKey;
import dev.scms.store.Promotion;
import dev.scms.store.RetrievalRecord;
import dev.scms.store.StoredEmbedding;
import dev.scms.store.UseEvidence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code uses}, {@code retrievals} and {@code promotions} tables. */
final class PgActivityRows {

    private static final String RETRIEVAL_COLUMNS = "id, session, project, query, returned_ids::text AS returned_ids,"
            + " considered, returned_tokens, at";

    private PgActivityRows() {
    }

    static UseEvidence evidence(Connection connection, long memoryId, Optional<ProjectKey> project) throws SQLException {
        String sql = "SELECT COUNT(*) FILTER (WHERE outcome = 'helpful'), COUNT(*) FILTER (WHERE outcome = 'not_helpful'),"
                + " COUNT(DISTINCT \"user\") FILTER (WHERE outcome = 'helpful')"
                + " FROM uses WHERE memory_id = ?" + (project.isPresent() ? " AND project = ?" : "");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, memoryId);
            if (project.isPresent()) {
                statement.setString(2, project.get().value());
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new UseEvidence(row.getInt(1), row.getInt(2), row.getInt(3));
            }
        }
    }

    static int distinctUsers(Connection connection, ProjectKey project) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT COUNT(DISTINCT \"user\") FROM uses WHERE project = ?")) {
            statement.setString(1, project.value());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    static boolean useExists(Connection connection, long memoryId, long retrievalId, String user) throws SQLException {
        String sql = "SELECT 1 FROM uses WHERE memory_id = ? AND retrieval_id = ? AND \"user\" = ? LIMIT 1";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            PgRows.bind(statement, memoryId, retrievalId, user);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        }
    }

    /**
     * Inserts the retrieval, raises {@code retrieval_count} of the returned memories and prunes
     * the log to {@code maxRows} rows younger than {@code oldestKept}. The change sequence is
     * left alone on purpose, because vector caches do not read retrieval counts.
     */
    static long logRetrieval(Connection connection, RetrievalRecord retrieval, int maxRows, Instant oldestKept)
            throws SQLException {
        long id;
        String sql = "INSERT INTO retrievals (session, project, query, returned_ids, considered, returned_tokens, at)"
                + " VALUES (?, ?, ?, ?::jsonb, ?, ?, ?) RETURNING id";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, retrieval.session());
            PgRows.setProject(statement, 2, retrieval.project());
            statement.setString(3, retrieval.query() == null ? "" : retrieval.query());
            statement.setString(4, PgRows.json(retrieval.returnedIds()));
            statement.setInt(5, retrieval.considered());
            statement.setInt(6, retrieval.returnedTokens());
            PgRows.setInstant(statement, 7, retrieval.at());
            try (ResultSet keys = statement.executeQuery()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement raise =
                connection.prepareStatement("UPDATE memories SET retrieval_count = retrieval_count + 1 WHERE id = ?")) {
            for (long memoryId : retrieval.returnedIds()) {
                raise.setLong(1, memoryId);
                raise.addBatch();
            }
            raise.executeBatch();
        }
        // Ids come from an identity column under the write lock, so the newest maxRows rows have ids above id - maxRows.
        try (PreparedStatement prune = connection.prepareStatement("DELETE FROM retrievals WHERE id <= ? OR at < ?")) {
            PgRows.bind(prune, id - maxRows, oldestKept);
            prune.executeUpdate();
        }
        return id;
    }

    static Optional<RetrievalRecord> findRetrieval(Connection connection, long id) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT " + RETRIEVAL_COLUMNS + " FROM retrievals WHERE id = ?")) {
            statement.setLong(1, id);
            List<RetrievalRecord> records = retrievals(statement);
            return records.isEmpty() ? Optional.empty() : Optional.of(records.get(0));
        }
    }

    static List<RetrievalRecord> recentRetrievals(Connection connection, int limit, Optional<ProjectKey> project)
            throws SQLException {
        String sql = "SELECT " + RETRIEVAL_COLUMNS + " FROM retrievals" + (project.isPresent() ? " WHERE project = ?" : "")
                + " ORDER BY id DESC LIMIT ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            if (project.isPresent()) {
                statement.setString(index++, project.get().value());
            }
            statement.setInt(index, limit);
            return retrievals(statement);
        }
    }

    /** Inserts the L1 rule, its embedding and the promotion row; runs inside one write transaction. */
    static Promotion promote(Connection connection, long patternId, NewMemory rule, Optional<StoredEmbedding> embedding,
            String policy, Map<String, Object> evidence, Instant at, boolean pgvector) throws SQLException {
        if (rule.layer() != Layer.L1) {
            throw new IllegalArgumentException("a promoted rule must be in layer L1, got " + rule.layer());
        }
        PgMemoryQueries.require(connection, patternId);
        long ruleId = PgMemoryWrites.insert(connection, rule);
        if (embedding.isPresent()) {
            PgMemoryWrites.putEmbedding(connection, ruleId, embedding.get(), pgvector);
        }
        ProjectKey project = rule.project().orElseThrow(() -> new IllegalArgumentException(
                "a promoted rule must belong to a project"));
        String sql = "INSERT INTO promotions (pattern_id, rule_id, project, policy, evidence, at)"
                + " VALUES (?, ?, ?, ?, ?::jsonb, ?) RETURNING id";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            PgRows.bind(statement, patternId, ruleId, project.value(), policy, PgRows.json(evidence), at);
            try (ResultSet keys = statement.executeQuery()) {
                keys.next();
                return new Promotion(keys.getLong(1), patternId, ruleId, project, policy, evidence, at);
            }
        }
    }

    static List<Promotion> promotionsOf(Connection connection, long patternId) throws SQLException {
        String sql = "SELECT id, pattern_id, rule_id, project, policy, evidence::text AS evidence, at FROM promotions"
                + " WHERE pattern_id = ? ORDER BY at, id";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, patternId);
            List<Promotion> promotions = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    promotions.add(new Promotion(rows.getLong("id"), rows.getLong("pattern_id"), rows.getLong("rule_id"),
                            new ProjectKey(rows.getString("project")), rows.getString("policy"),
                            PgRows.jsonObject(rows.getString("evidence")), PgRows.instant(rows, "at")));
                }
            }
            return promotions;
        }
    }

    private static List<RetrievalRecord> retrievals(PreparedStatement statement) throws SQLException {
        List<RetrievalRecord> records = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                records.add(new RetrievalRecord(rows.getLong("id"), rows.getString("session"),
                        PgRows.project(rows.getString("project")), rows.getString("query"),
                        PgRows.longList(rows.getString("returned_ids")), rows.getInt("considered"),
                        rows.getInt("returned_tokens"), PgRows.instant(rows, "at")));
            }
        }
        return records;
    }
}

package dev.scms.store.sqlite;

import dev.scms.model.Layer;
import dev.scms.model.NewMemory;
import dev.scms.model.ProjectKey;
import dev.scms.store.Promotion;
import dev.scms.store.StoredEmbedding;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code promotions} table and the creation of a rule from a pattern. */
final class PromotionRows {

    private PromotionRows() {
    }

    /** Inserts the L1 rule, its embedding and the promotion row; runs inside one write transaction. */
    static Promotion promote(Connection connection, long patternId, NewMemory rule, Optional<StoredEmbedding> embedding,
            String policy, Map<String, Object> evidence, Instant at) throws SQLException {
        if (rule.layer() != Layer.L1) {
            throw new IllegalArgumentException("a promoted rule must be in layer L1, got " + rule.layer());
        }
        MemoryQueries.require(connection, patternId);
        long ruleId = MemoryWrites.insert(connection, rule);
        if (embedding.isPresent()) {
            MemoryWrites.putEmbedding(connection, ruleId, embedding.get());
        }
        ProjectKey project = rule.project().orElseThrow();
        String sql = "INSERT INTO promotions (pattern_id, rule_id, project, policy, evidence, at) VALUES (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            statement.setLong(1, patternId);
            statement.setLong(2, ruleId);
            statement.setString(3, project.value());
            statement.setString(4, policy);
            statement.setString(5, Rows.json(evidence));
            statement.setString(6, Rows.timestamp(at));
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("SQLite returned no id for the promotion of memory " + patternId);
                }
                return new Promotion(keys.getLong(1), patternId, ruleId, project, policy, evidence, at);
            }
        }
    }

    static List<Promotion> ofPattern(Connection connection, long patternId) throws SQLException {
        String sql = "SELECT id, pattern_id, rule_id, project, policy, evidence, at FROM promotions"
                + " WHERE pattern_id = ? ORDER BY at, id";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, patternId);
            List<Promotion> promotions = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    promotions.add(new Promotion(rows.getLong("id"), rows.getLong("pattern_id"), rows.getLong("rule_id"),
                            new ProjectKey(rows.getString("project")), rows.getString("policy"),
                            Rows.jsonObject(rows.getString("evidence")), Rows.instant(rows.getString("at"))));
                }
            }
            return promotions;
        }
    }
}

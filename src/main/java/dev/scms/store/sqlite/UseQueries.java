package dev.scms.store.sqlite;

import dev.scms.model.ProjectKey;
import dev.scms.store.UseEvidence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Counts over the {@code uses} table, the evidence that promotion policies weigh. */
final class UseQueries {

    private UseQueries() {
    }

    static UseEvidence evidence(Connection connection, long memoryId, Optional<ProjectKey> project) throws SQLException {
        String sql = "SELECT COALESCE(SUM(outcome = 'helpful'), 0), COALESCE(SUM(outcome = 'not_helpful'), 0),"
                + " COUNT(DISTINCT CASE WHEN outcome = 'helpful' THEN \"user\" END)"
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

    static boolean exists(Connection connection, long memoryId, long retrievalId, String user) throws SQLException {
        String sql = "SELECT 1 FROM uses WHERE memory_id = ? AND retrieval_id = ? AND \"user\" = ? LIMIT 1";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, memoryId);
            statement.setLong(2, retrievalId);
            statement.setString(3, user);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        }
    }
}

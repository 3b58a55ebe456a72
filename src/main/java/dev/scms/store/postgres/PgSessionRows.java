package dev.scms.store.postgres;

import dev.scms.model.ProjectKey;
import dev.scms.store.SessionSummary;
import dev.scms.store.SessionTotals;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code sessions} table: one summary row per ended MCP session. */
final class PgSessionRows {

    private static final String COUNT_COLUMNS = "retrievals, memories_returned, distinct_memories, uses, helpful_uses,"
            + " failures_logged, failures_rediscovered";
    private static final String COLUMNS = "id, session_key, project, client_name, client_version, started_at, ended_at, "
            + COUNT_COLUMNS;

    private PgSessionRows() {
    }

    static SessionSummary insert(Connection connection, SessionSummary session) throws SQLException {
        String sql = "INSERT INTO sessions (" + COLUMNS.substring("id, ".length()) + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, session.sessionKey());
            PgRows.setProject(statement, 2, session.project());
            statement.setString(3, session.clientName());
            statement.setString(4, session.clientVersion());
            PgRows.setInstant(statement, 5, session.startedAt());
            PgRows.setInstant(statement, 6, session.endedAt());
            int[] counts = {session.retrievals(), session.memoriesReturned(), session.distinctMemories(),
                session.uses(), session.helpfulUses(), session.failuresLogged(), session.failuresRediscovered()};
            for (int i = 0; i < counts.length; i++) {
                statement.setInt(7 + i, counts[i]);
            }
            try (ResultSet keys = statement.executeQuery()) {
                keys.next();
                return session.withId(keys.getLong(1));
            }
        }
    }

    static List<SessionSummary> recent(Connection connection, int limit, Optional<ProjectKey> project)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM sessions" + where(project) + " ORDER BY id DESC LIMIT ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = bindProject(statement, project);
            statement.setInt(index, limit);
            List<SessionSummary> sessions = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sessions.add(read(rows));
                }
            }
            return sessions;
        }
    }

    static SessionTotals totals(Connection connection, Optional<ProjectKey> project) throws SQLException {
        String sql = "SELECT COUNT(*), COALESCE(SUM(retrievals), 0), COALESCE(SUM(memories_returned), 0),"
                + " COALESCE(SUM(uses), 0), COALESCE(SUM(helpful_uses), 0), COALESCE(SUM(failures_logged), 0),"
                + " COALESCE(SUM(failures_rediscovered), 0) FROM sessions" + where(project);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindProject(statement, project);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new SessionTotals(row.getInt(1), row.getInt(2), row.getInt(3), row.getInt(4), row.getInt(5),
                        row.getInt(6), row.getInt(7));
            }
        }
    }

    private static String where(Optional<ProjectKey> project) {
        return project.isPresent() ? " WHERE project = ?" : "";
    }

    /** Binds the project, when there is one, and returns the index of the next parameter. */
    private static int bindProject(PreparedStatement statement, Optional<ProjectKey> project) throws SQLException {
        if (project.isEmpty()) {
            return 1;
        }
        statement.setString(1, project.get().value());
        return 2;
    }

    private static SessionSummary read(ResultSet rows) throws SQLException {
        return new SessionSummary(rows.getLong("id"), rows.getString("session_key"),
                PgRows.project(rows.getString("project")), rows.getString("client_name"),
                rows.getString("client_version"), PgRows.instant(rows, "started_at"),
                PgRows.instant(rows, "ended_at"), rows.getInt("retrievals"), rows.getInt("memories_returned"),
                rows.getInt("distinct_memories"), rows.getInt("uses"), rows.getInt("helpful_uses"),
                rows.getInt("failures_logged"), rows.getInt("failures_rediscovered"));
    }
}

package dev.scms.store.sqlite;

import dev.scms.model.ProjectKey;
import dev.scms.store.SessionSummary;
import dev.scms.store.SessionTotals;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code sessions} table: one summary row per ended MCP session. */
final class SessionRows {

    private static final String COUNT_COLUMNS = "retrievals, memories_returned, distinct_memories, uses, helpful_uses,"
            + " failures_logged, failures_rediscovered";
    private static final String COLUMNS = "id, session_key, project, client_name, client_version, started_at, ended_at, "
            + COUNT_COLUMNS;

    private SessionRows() {
    }

    static SessionSummary insert(Connection connection, SessionSummary session) throws SQLException {
        String sql = "INSERT INTO sessions (" + COLUMNS.substring("id, ".length()) + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            statement.setString(1, session.sessionKey());
            Rows.setProject(statement, 2, session.project());
            statement.setString(3, session.clientName());
            statement.setString(4, session.clientVersion());
            statement.setString(5, Rows.timestamp(session.startedAt()));
            statement.setString(6, Rows.timestamp(session.endedAt()));
            int[] counts = {session.retrievals(), session.memoriesReturned(), session.distinctMemories(),
                session.uses(), session.helpfulUses(), session.failuresLogged(), session.failuresRediscovered()};
            for (int i = 0; i < counts.length; i++) {
                statement.setInt(7 + i, counts[i]);
            }
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("SQLite returned no id for the summary of session " + session.sessionKey());
                }
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
                Rows.project(rows.getString("project")), rows.getString("client_name"),
                rows.getString("client_version"), Rows.instant(rows.getString("started_at")),
                Rows.instant(rows.getString("ended_at")), rows.getInt("retrievals"), rows.getInt("memories_returned"),
                rows.getInt("distinct_memories"), rows.getInt("uses"), rows.getInt("helpful_uses"),
                rows.getInt("failures_logged"), rows.getInt("failures_rediscovered"));
    }
}

package dev.scms.store.sqlite;

import dev.scms.model.ProjectKey;
import dev.scms.store.RetrievalRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The bounded {@code retrievals} log. */
final class RetrievalLog {

    private static final String COLUMNS = "id, session, project, query, returned_ids, considered, returned_tokens, at";

    private RetrievalLog() {
    }

    /**
     * Inserts the retrieval, raises {@code retrieval_count} of the returned memories and prunes
     * the log to {@code maxRows} rows younger than {@code oldestKept}. The change sequence is
     * left alone on purpose, because vector caches do not read retrieval counts.
     */
    static long log(Connection connection, RetrievalRecord retrieval, int maxRows, Instant oldestKept)
            throws SQLException {
        long id = insert(connection, retrieval);
        try (PreparedStatement raise =
                connection.prepareStatement("UPDATE memories SET retrieval_count = retrieval_count + 1 WHERE id = ?")) {
            for (long memoryId : retrieval.returnedIds()) {
                raise.setLong(1, memoryId);
                raise.addBatch();
            }
            raise.executeBatch();
        }
        // AUTOINCREMENT ids only grow, so the newest maxRows rows have ids above id - maxRows: a rowid range delete.
        try (PreparedStatement prune = connection.prepareStatement("DELETE FROM retrievals WHERE id <= ? OR at < ?")) {
            prune.setLong(1, id - maxRows);
            prune.setString(2, Rows.timestamp(oldestKept));
            prune.executeUpdate();
        }
        return id;
    }

    static Optional<RetrievalRecord> find(Connection connection, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM retrievals WHERE id = ?")) {
            statement.setLong(1, id);
            List<RetrievalRecord> records = read(statement);
            return records.isEmpty() ? Optional.empty() : Optional.of(records.get(0));
        }
    }

    static List<RetrievalRecord> recent(Connection connection, int limit, Optional<ProjectKey> project)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM retrievals" + (project.isPresent() ? " WHERE project = ?" : "")
                + " ORDER BY id DESC LIMIT ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            if (project.isPresent()) {
                statement.setString(index++, project.get().value());
            }
            statement.setInt(index, limit);
            return read(statement);
        }
    }

    private static long insert(Connection connection, RetrievalRecord retrieval) throws SQLException {
        String sql = "INSERT INTO retrievals (session, project, query, returned_ids, considered, returned_tokens, at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            statement.setString(1, retrieval.session());
            Rows.setProject(statement, 2, retrieval.project());
            statement.setString(3, retrieval.query() == null ? "" : retrieval.query());
            statement.setString(4, Rows.json(retrieval.returnedIds()));
            statement.setInt(5, retrieval.considered());
            statement.setInt(6, retrieval.returnedTokens());
            statement.setString(7, Rows.timestamp(retrieval.at()));
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("SQLite returned no id for the logged retrieval");
                }
                return keys.getLong(1);
            }
        }
    }

    private static List<RetrievalRecord> read(PreparedStatement statement) throws SQLException {
        List<RetrievalRecord> records = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                records.add(new RetrievalRecord(rows.getLong("id"), rows.getString("session"),
                        Rows.project(rows.getString("project")), rows.getString("query"),
                        Rows.longList(rows.getString("returned_ids")), rows.getInt("considered"),
                        rows.getInt("returned_tokens"), Rows.instant(rows.getString("at"))));
            }
        }
        return records;
    }
}

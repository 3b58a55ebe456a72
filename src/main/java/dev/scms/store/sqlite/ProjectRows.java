package dev.scms.store.sqlite;

import dev.scms.model.ProjectKey;
import dev.scms.store.ProjectInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code projects} table. */
final class ProjectRows {

    private ProjectRows() {
    }

    /** Inserts the project on first sight. Later calls keep its creation time and only fill a missing root. */
    static ProjectInfo ensure(Connection connection, ProjectKey key, Optional<String> root, Instant now)
            throws SQLException {
        String sql = "INSERT INTO projects (key, name, root, created_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET root = COALESCE(projects.root, excluded.root)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key.value());
            statement.setString(2, key.name());
            statement.setString(3, root.orElse(null));
            statement.setString(4, Rows.timestamp(now));
            statement.executeUpdate();
        }
        return find(connection, key).orElseThrow(() -> new SQLException("project " + key + " not found right after its insert"));
    }

    static Optional<ProjectInfo> find(Connection connection, ProjectKey key) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT key, name, root, created_at FROM projects WHERE key = ?")) {
            statement.setString(1, key.value());
            List<ProjectInfo> projects = read(statement);
            return projects.isEmpty() ? Optional.empty() : Optional.of(projects.get(0));
        }
    }

    /**
     * Compares names in Java because SQLite's NOCASE folds ASCII letters only. A user has few
     * projects, so reading them all is cheap.
     */
    static List<ProjectInfo> byName(Connection connection, String name) throws SQLException {
        String lowerCaseName = name.strip().toLowerCase(Locale.ROOT);
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT key, name, root, created_at FROM projects ORDER BY key")) {
            return read(statement).stream().filter(project -> project.name().toLowerCase(Locale.ROOT).equals(lowerCaseName))
                    .toList();
        }
    }

    private static List<ProjectInfo> read(PreparedStatement statement) throws SQLException {
        List<ProjectInfo> projects = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                projects.add(new ProjectInfo(new ProjectKey(rows.getString("key")), rows.getString("name"),
                        Optional.ofNullable(rows.getString("root")), Rows.instant(rows.getString("created_at"))));
            }
        }
        return projects;
    }
}

package dev.scms.store.postgres;

import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.ProjectKey;
import dev.scms.store.ProjectInfo;
import dev.scms.store.StoreCounts;
import dev.scms.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The {@code projects} and {@code store_info} tables, and the counts for {@code memory_stats}. */
final class PgProjectRows {

    private PgProjectRows() {
    }

    /** Inserts the project on first sight. Later calls keep its creation time and only fill a missing root. */
    static ProjectInfo ensure(Connection connection, ProjectKey key, Optional<String> root, Instant now)
            throws SQLException {
        String sql = "INSERT INTO projects (key, name, root, created_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET root = COALESCE(projects.root, excluded.root)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            PgRows.bind(statement, key.value(), key.name(), root.orElse(null), now);
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

    /** Compares names in Java, with the same case folding as the SQLite store. */
    static List<ProjectInfo> byName(Connection connection, String name) throws SQLException {
        String lowerCaseName = name.strip().toLowerCase(Locale.ROOT);
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT key, name, root, created_at FROM projects ORDER BY key")) {
            return read(statement).stream().filter(project -> project.name().toLowerCase(Locale.ROOT).equals(lowerCaseName))
                    .toList();
        }
    }

    static String storeId(Connection connection, String location) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT value FROM store_info WHERE key = 'store_id'")) {
            if (!row.next()) {
                throw new StoreException("PostgreSQL store " + location + " has no store id in table store_info; "
                        + "restore it from a pg_dump backup or export its memories into a new store");
            }
            return row.getString(1);
        }
    }

    /**
     * Counts memories, uses, retrievals and promotions. With a project, every table is restricted
     * to rows that are global or of that project.
     */
    static StoreCounts counts(Connection connection, Optional<ProjectKey> project) throws SQLException {
        String scope = project.isPresent() ? " AND (project IS NULL OR project = ?)" : "";
        Map<String, Integer> byLayer = new LinkedHashMap<>();
        for (Layer layer : Layer.values()) {
            byLayer.put(layer.name(), 0);
        }
        Map<String, Integer> byKind = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            byKind.put(kind.wireName(), 0);
        }
        int active = 0;
        int archived = 0;
        String sql = "SELECT layer, kind, status, COUNT(*) FROM memories WHERE true" + scope + " GROUP BY layer, kind, status";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindProject(statement, project);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int count = rows.getInt(4);
                    if ("archived".equals(rows.getString(3))) {
                        archived += count;
                        continue;
                    }
                    active += count;
                    byLayer.merge(rows.getString(1), count, Integer::sum);
                    byKind.merge(rows.getString(2), count, Integer::sum);
                }
            }
        }
        return new StoreCounts(active, archived, byLayer, byKind,
                count(connection, "SELECT COUNT(*) FROM uses WHERE true" + scope, project),
                count(connection, "SELECT COUNT(*) FROM retrievals WHERE true" + scope, project),
                count(connection, "SELECT COUNT(*) FROM promotions WHERE true" + scope, project));
    }

    private static int count(Connection connection, String sql, Optional<ProjectKey> project) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindProject(statement, project);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    private static void bindProject(PreparedStatement statement, Optional<ProjectKey> project) throws SQLException {
        if (project.isPresent()) {
            statement.setString(1, project.get().value());
        }
    }

    private static List<ProjectInfo> read(PreparedStatement statement) throws SQLException {
        List<ProjectInfo> projects = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                projects.add(new ProjectInfo(new ProjectKey(rows.getString("key")), rows.getString("name"),
                        Optional.ofNullable(rows.getString("root")), PgRows.instant(rows, "created_at")));
            }
        }
        return projects;
    }
}

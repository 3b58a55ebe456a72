package dev.scms.store.sqlite;

import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.ProjectKey;
import dev.scms.store.StoreCounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts for {@code memory_stats}. With a project, every table is restricted to rows that are
 * global or of that project ({@code project IS NULL OR project = ?}). Without one, all rows count.
 */
final class StoreCountQuery {

    private StoreCountQuery() {
    }

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
        String sql = "SELECT layer, kind, status, COUNT(*) FROM memories WHERE 1 = 1" + scope
                + " GROUP BY layer, kind, status";
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
                count(connection, "SELECT COUNT(*) FROM uses WHERE 1 = 1" + scope, project),
                count(connection, "SELECT COUNT(*) FROM retrievals WHERE 1 = 1" + scope, project),
                count(connection, "SELECT COUNT(*) FROM promotions WHERE 1 = 1" + scope, project));
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
}

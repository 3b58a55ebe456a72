package dev.scms.store.sqlite;

import dev.scms.model.Memory;
import dev.scms.model.NewMemory;
import dev.scms.model.ProjectKey;
import dev.scms.store.LexicalHit;
import dev.scms.store.MemoryFilter;
import dev.scms.store.MemoryNotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads of memory rows: lookups, filtered lists, full-text search and embedding gaps. */
final class MemoryQueries {

    private static final String SELECT = "SELECT " + Rows.MEMORY_COLUMNS + " FROM memories m";

    /** Global memories plus those of the bound project. */
    static final String VISIBLE_FROM_PROJECT = "(m.project IS NULL OR m.project = ?)";

    private MemoryQueries() {
    }

    static Optional<Memory> find(Connection connection, long id) throws SQLException {
        return first(connection, SELECT + " WHERE m.id = ?", id);
    }

    static Memory require(Connection connection, long id) throws SQLException {
        return find(connection, id).orElseThrow(() -> new MemoryNotFoundException(id));
    }

    static Optional<Memory> findByExternalId(Connection connection, String externalId) throws SQLException {
        return first(connection, SELECT + " WHERE m.external_id = ?", externalId);
    }

    /**
     * Finds by hash in exactly one scope; {@code IS ?} matches NULL when the scope is global. The
     * unary plus keeps SQLite from choosing the (status, project) index, which it preferred without
     * statistics and which made every write scan all active memories of the scope.
     */
    static Optional<Memory> findActiveByContentHash(Connection connection, String hash, Optional<ProjectKey> project)
            throws SQLException {
        String projectValue = project.map(ProjectKey::value).orElse(null);
        return first(connection, SELECT + " WHERE m.content_hash = ? AND +m.status = 'active' AND +m.project IS ?"
                + " ORDER BY m.id LIMIT 1", hash, projectValue);
    }

    /**
     * Finds the memory that makes {@code memory} a duplicate: the one with its external id in any
     * status, else the active one with its content hash in exactly its scope.
     */
    static Optional<Memory> findPresent(Connection connection, NewMemory memory) throws SQLException {
        if (memory.externalId().isPresent()) {
            Optional<Memory> byExternalId = findByExternalId(connection, memory.externalId().get());
            if (byExternalId.isPresent()) {
                return byExternalId;
            }
        }
        return findActiveByContentHash(connection, memory.contentHash(), memory.project());
    }

    /** Finds by hash in exactly one scope, active or archived, oldest first. */
    static List<Memory> findByContentHash(Connection connection, String hash, Optional<ProjectKey> project)
            throws SQLException {
        String projectValue = project.map(ProjectKey::value).orElse(null);
        return all(connection, SELECT + " WHERE m.content_hash = ? AND +m.project IS ? ORDER BY m.id", hash,
                projectValue);
    }

    static List<Memory> list(Connection connection, MemoryFilter filter) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> parameters = new ArrayList<>();
        appendWhere(sql, parameters, filter);
        sql.append(" ORDER BY m.created_at DESC, m.id DESC LIMIT ? OFFSET ?");
        parameters.add(filter.limit());
        parameters.add(filter.offset());
        return all(connection, sql.toString(), parameters.toArray());
    }

    /** Counts the memories the filter matches, ignoring its limit and offset. */
    static int count(Connection connection, MemoryFilter filter) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM memories m");
        List<Object> parameters = new ArrayList<>();
        appendWhere(sql, parameters, filter);
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }

    private static void appendWhere(StringBuilder sql, List<Object> parameters, MemoryFilter filter) {
        sql.append(" WHERE 1 = 1");
        if (filter.visibleFrom().isPresent()) {
            sql.append(" AND ").append(VISIBLE_FROM_PROJECT);
            parameters.add(filter.visibleFrom().get().value());
        }
        appendIn(sql, parameters, "m.layer", filter.layers().stream().map(Enum::name).toList());
        appendIn(sql, parameters, "m.kind", filter.kinds().stream().map(kind -> kind.wireName()).toList());
        appendIn(sql, parameters, "m.status", filter.statuses().stream().map(status -> status.wireName()).toList());
    }

    /**
     * Ranks active memories visible from the scope (global only when the scope is empty) by
     * {@code bm25} with the configured column weights. SQLite's bm25 is negative, lower better,
     * so the hit's score is its negation.
     */
    static List<LexicalHit> search(Connection connection, String match, Optional<ProjectKey> project, int limit,
            SqliteStoreSettings settings) throws SQLException {
        String scope = project.isPresent() ? VISIBLE_FROM_PROJECT : "m.project IS NULL";
        String sql = "SELECT m.id, bm25(memories_fts, ?, ?, ?) AS rank FROM memories_fts"
                + " JOIN memories m ON m.id = memories_fts.rowid"
                + " WHERE memories_fts MATCH ? AND m.status = 'active' AND " + scope
                + " ORDER BY rank, m.id LIMIT ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            statement.setDouble(index++, settings.titleWeight());
            statement.setDouble(index++, settings.bodyWeight());
            statement.setDouble(index++, settings.tagsWeight());
            statement.setString(index++, match);
            if (project.isPresent()) {
                statement.setString(index++, project.get().value());
            }
            statement.setInt(index, limit);
            List<LexicalHit> hits = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    hits.add(new LexicalHit(rows.getLong(1), -rows.getDouble(2)));
                }
            }
            return hits;
        }
    }

    static List<Long> idsWithoutEmbedding(Connection connection, String modelId, int limit) throws SQLException {
        String sql = "SELECT m.id FROM memories m LEFT JOIN embeddings e ON e.memory_id = m.id AND e.model_id = ?"
                + " WHERE (e.memory_id IS NULL OR e.sentences IS NULL) AND m.status = 'active' ORDER BY m.id LIMIT ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, modelId);
            statement.setInt(2, limit);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    private static void appendIn(StringBuilder sql, List<Object> parameters, String column, Collection<String> values) {
        if (values.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (")
                .append(values.stream().map(value -> "?").collect(Collectors.joining(", "))).append(')');
        parameters.addAll(values);
    }

    private static Optional<Memory> first(Connection connection, String sql, Object... parameters) throws SQLException {
        List<Memory> memories = all(connection, sql, parameters);
        return memories.isEmpty() ? Optional.empty() : Optional.of(memories.get(0));
    }

    private static List<Memory> all(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Memory> memories = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    memories.add(Rows.memory(rows));
                }
            }
            return memories;
        }
    }
}

package dev.scms.store.postgres;

import dev.scms.model.Memory;
import dev.scms.model.NewMemory;
import dev.scms.model.ProjectKey;
import dev.scms.store.ChangedMemory;
import dev.scms.store.LexicalHit;
import dev.scms.store.MemoryFilter;
import dev.scms.store.MemoryNotFoundException;
import dev.scms.store.QueryTerms;
import dev.scms.store.VectorBytes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Reads of memory rows: lookups, filtered lists, full-text search, changes and embedding gaps. */
final class PgMemoryQueries {

    private static final String SELECT = "SELECT " + PgRows.MEMORY_COLUMNS + " FROM memories m";

    /** Global memories plus those of the bound project. */
    private static final String VISIBLE_FROM_PROJECT = "(m.project IS NULL OR m.project = ?)";

    private PgMemoryQueries() {
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

    /** Finds by hash in exactly one scope; {@code IS NOT DISTINCT FROM} matches NULL when the scope is global. */
    static Optional<Memory> findActiveByContentHash(Connection connection, String hash, Optional<ProjectKey> project)
            throws SQLException {
        return first(connection, SELECT + " WHERE m.content_hash = ? AND m.status = 'active'"
                + " AND m.project IS NOT DISTINCT FROM ?::text ORDER BY m.id LIMIT 1", hash, projectValue(project));
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
        return all(connection, SELECT + " WHERE m.content_hash = ? AND m.project IS NOT DISTINCT FROM ?::text"
                + " ORDER BY m.id", hash, projectValue(project));
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
            PgRows.bind(statement, parameters.toArray());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }

    /**
     * Ranks active memories visible from the scope (global only when the scope is empty) with
     * {@code ts_rank} over the weighted search vector. The query ORs one {@code plainto_tsquery}
     * per word and one {@code phraseto_tsquery} per pair of adjacent words, as the SQLite store
     * ORs words and phrases. Words that PostgreSQL's English configuration drops as stop words
     * match nothing.
     *
     * @param weights the {D, C, B, A} weights of {@code ts_rank}: unused, tags, title, body
     */
    static List<LexicalHit> search(Connection connection, QueryTerms terms, Optional<ProjectKey> project, int limit,
            float[] weights) throws SQLException {
        List<String> parts = new ArrayList<>();
        parts.addAll(Collections.nCopies(terms.words().size(), "plainto_tsquery('english', scms_words(?))"));
        parts.addAll(Collections.nCopies(terms.phrases().size(), "phraseto_tsquery('english', scms_words(?))"));
        String scope = project.isPresent() ? VISIBLE_FROM_PROJECT : "m.project IS NULL";
        String sql = "WITH q AS (SELECT " + String.join(" || ", parts) + " AS query)"
                + " SELECT m.id, ts_rank(?::float4[], m.search, q.query) AS rank FROM memories m, q"
                + " WHERE m.search @@ q.query AND m.status = 'active' AND " + scope
                + " ORDER BY rank DESC, m.id LIMIT ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (String term : terms.words()) {
                statement.setString(index++, term);
            }
            for (String term : terms.phrases()) {
                statement.setString(index++, term);
            }
            statement.setArray(index++, connection.createArrayOf("float4", box(weights)));
            if (project.isPresent()) {
                statement.setString(index++, project.get().value());
            }
            statement.setInt(index, limit);
            List<LexicalHit> hits = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    hits.add(new LexicalHit(rows.getLong(1), rows.getDouble(2)));
                }
            }
            return hits;
        }
    }

    /** Returns up to {@code limit} memories changed after {@code afterSeq}, with vectors of the model. */
    static List<ChangedMemory> changesSince(Connection connection, long afterSeq, String modelId, int limit)
            throws SQLException {
        String sql = "SELECT " + PgRows.MEMORY_COLUMNS + ", e.vector, e.dimension, e.sentences FROM memories m"
                + " LEFT JOIN embeddings e ON e.memory_id = m.id AND e.model_id = ?"
                + " WHERE m.change_seq > ? ORDER BY m.change_seq LIMIT ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, modelId);
            statement.setLong(2, afterSeq);
            statement.setInt(3, limit);
            List<ChangedMemory> changes = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byte[] vector = rows.getBytes("vector");
                    List<float[]> sentences = VectorBytes.vectors(rows.getBytes("sentences"), rows.getInt("dimension"));
                    changes.add(new ChangedMemory(PgRows.memory(rows),
                            vector == null ? Optional.empty() : Optional.of(VectorBytes.vector(vector)), sentences));
                }
            }
            return changes;
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

    private static void appendWhere(StringBuilder sql, List<Object> parameters, MemoryFilter filter) {
        sql.append(" WHERE true");
        if (filter.visibleFrom().isPresent()) {
            sql.append(" AND ").append(VISIBLE_FROM_PROJECT);
            parameters.add(filter.visibleFrom().get().value());
        }
        appendIn(sql, parameters, "m.layer", filter.layers().stream().map(Enum::name).toList());
        appendIn(sql, parameters, "m.kind", filter.kinds().stream().map(kind -> kind.wireName()).toList());
        appendIn(sql, parameters, "m.status", filter.statuses().stream().map(status -> status.wireName()).toList());
    }

    private static void appendIn(StringBuilder sql, List<Object> parameters, String column, Collection<String> values) {
        if (values.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (")
                .append(String.join(", ", Collections.nCopies(values.size(), "?"))).append(')');
        parameters.addAll(values);
    }

    private static String projectValue(Optional<ProjectKey> project) {
        return project.map(ProjectKey::value).orElse(null);
    }

    private static Float[] box(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    private static Optional<Memory> first(Connection connection, String sql, Object... parameters) throws SQLException {
        List<Memory> memories = all(connection, sql, parameters);
        return memories.isEmpty() ? Optional.empty() : Optional.of(memories.get(0));
    }

    private static List<Memory> all(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            PgRows.bind(statement, parameters);
            List<Memory> memories = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    memories.add(PgRows.memory(rows));
                }
            }
            return memories;
        }
    }
}

package dev.scms.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.ProjectKey;
import dev.scms.model.Status;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Conversions between PostgreSQL rows and values: timestamps, JSON columns and memory rows. */
final class PgRows {

    /** The columns {@link #memory} reads, in a form that fits after {@code SELECT}. */
    static final String MEMORY_COLUMNS = "m.id, m.layer, m.kind, m.title, m.body, m.details::text AS details, m.domain,"
            + " m.project, m.tags::text AS tags, m.importance, m.status, m.created_at, m.updated_at, m.last_used_at,"
            + " m.helpful_count, m.unhelpful_count, m.retrieval_count, m.occurrences, m.content_hash, m.change_seq,"
            + " m.external_id";

    /**
     * The next change sequence. Every change runs under the store's write lock, so sequence order
     * is commit order, and a reader that has read up to sequence n never later finds a new row below n.
     */
    static final String NEXT_CHANGE_SEQ = "nextval('memory_change_seq')";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JavaType MAP_TYPE =
            JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class);
    private static final JavaType STRING_LIST_TYPE =
            JSON.getTypeFactory().constructCollectionType(ArrayList.class, String.class);
    private static final JavaType LONG_LIST_TYPE =
            JSON.getTypeFactory().constructCollectionType(ArrayList.class, Long.class);

    private PgRows() {
    }

    /** Binds a time at millisecond precision, as the SQLite store keeps it. */
    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        if (value == null) {
            throw new SQLException("column " + column + " is NULL");
        }
        return value.toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? Optional.empty() : Optional.of(value.toInstant());
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a JSON object; top-level nulls are dropped because the model's maps reject them. */
    static Map<String, Object> jsonObject(String text) throws SQLException {
        Map<String, Object> map = read(text, MAP_TYPE);
        map.values().removeIf(value -> value == null);
        return map;
    }

    static List<String> stringList(String text) throws SQLException {
        List<String> list = read(text, STRING_LIST_TYPE);
        list.removeIf(value -> value == null);
        return list;
    }

    static List<Long> longList(String text) throws SQLException {
        List<Long> list = read(text, LONG_LIST_TYPE);
        list.removeIf(value -> value == null);
        return list;
    }

    private static <T> T read(String text, JavaType type) throws SQLException {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored JSON is invalid: " + e.getOriginalMessage(), e);
        }
    }

    static void setProject(PreparedStatement statement, int index, Optional<ProjectKey> project) throws SQLException {
        if (project.isPresent()) {
            statement.setString(index, project.get().value());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    static Optional<ProjectKey> project(String text) {
        return text == null ? Optional.empty() : Optional.of(new ProjectKey(text));
    }

    /** Binds parameters in order, by their Java types. */
    static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof Instant instant) {
                setInstant(statement, i + 1, instant);
            } else if (parameters[i] == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
    }

    /** Maps the current row, selected with {@link #MEMORY_COLUMNS}, to a memory. */
    static Memory memory(ResultSet row) throws SQLException {
        long id = row.getLong("id");
        String kindName = row.getString("kind");
        Kind kind = Kind.parse(kindName)
                .orElseThrow(() -> new SQLException("memory " + id + " has an unknown kind: " + kindName));
        return new Memory(
                id,
                Layer.valueOf(row.getString("layer")),
                kind,
                row.getString("title"),
                row.getString("body"),
                jsonObject(row.getString("details")),
                row.getString("domain"),
                project(row.getString("project")),
                stringList(row.getString("tags")),
                row.getDouble("importance"),
                Status.fromWireName(row.getString("status")),
                instant(row, "created_at"),
                instant(row, "updated_at"),
                optionalInstant(row, "last_used_at"),
                row.getInt("helpful_count"),
                row.getInt("unhelpful_count"),
                row.getInt("retrieval_count"),
                row.getInt("occurrences"),
                row.getString("content_hash"),
                row.getLong("change_seq"),
                Optional.ofNullable(row.getString("external_id")));
    }
}

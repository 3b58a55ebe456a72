package dev.scms.store.sqlite;

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
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Conversions between rows and values: timestamps, JSON columns, vectors and memory rows. */
final class Rows {

    /** The columns {@link #memory} reads, in a form that fits after {@code SELECT}. */
    static final String MEMORY_COLUMNS = "m.id, m.layer, m.kind, m.title, m.body, m.details, m.domain, m.project, m.tags,"
            + " m.importance, m.status, m.created_at, m.updated_at, m.last_used_at, m.helpful_count, m.unhelpful_count,"
            + " m.retrieval_count, m.occurrences, m.content_hash, m.change_seq, m.external_id";

    /** The expression that gives a changed row a change sequence above every other row's. */
    static final String NEXT_CHANGE_SEQ = "(SELECT COALESCE(MAX(change_seq), 0) + 1 FROM memories)";

    // Fixed width with milliseconds, so that text order is time order.
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int TIMESTAMP_LENGTH = "2026-01-01T00:00:00.000Z".length();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JavaType MAP_TYPE =
            JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class);
    private static final JavaType STRING_LIST_TYPE =
            JSON.getTypeFactory().constructCollectionType(ArrayList.class, String.class);
    private static final JavaType LONG_LIST_TYPE =
            JSON.getTypeFactory().constructCollectionType(ArrayList.class, Long.class);

    private Rows() {
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /**
     * Parses a stored timestamp. The fixed-width form that {@link #timestamp} writes is read
     * field by field, because a JVM that has just started runs {@link Instant#parse} slowly and
     * the first refresh of the vector cache parses two timestamps for every memory. Any other
     * form goes to {@link Instant#parse}.
     */
    static Instant instant(String text) {
        if (text.length() == TIMESTAMP_LENGTH && text.charAt(4) == '-' && text.charAt(7) == '-'
                && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':'
                && text.charAt(19) == '.' && text.charAt(23) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            int millis = digits(text, 20, 3);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= Month.of(month).length(Year.isLeap(year))
                    && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59
                    && millis >= 0) {
                long seconds = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L
                        + second;
                return Instant.ofEpochSecond(seconds, millis * 1_000_000L);
            }
        }
        return Instant.parse(text);
    }

    /** Returns the decimal number of {@code count} ASCII digits from {@code start}, or -1 if one is no digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static Optional<Instant> optionalInstant(String text) {
        return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
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
        if ("[]".equals(text)) {
            // Most memories have no tags, and the JSON parser is slow in a JVM that has just started.
            return new ArrayList<>();
        }
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
                instant(row.getString("created_at")),
                instant(row.getString("updated_at")),
                optionalInstant(row.getString("last_used_at")),
                row.getInt("helpful_count"),
                row.getInt("unhelpful_count"),
                row.getInt("retrieval_count"),
                row.getInt("occurrences"),
                row.getString("content_hash"),
                row.getLong("change_seq"),
                Optional.ofNullable(row.getString("external_id")));
    }
}

package dev.scms.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scms.core.RememberRequest;
import dev.scms.model.Kind;
import dev.scms.model.Memory;
import dev.scms.model.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON-lines exchange format of memories: one object per line with {@code text} and
 * {@code kind} required; {@code title}, {@code domain}, {@code project}, {@code tags},
 * {@code source}, {@code date} (creation time) and {@code id} (kept as the external id)
 * optional; any other field is kept with the memory and written back on export. Export adds
 * {@code scope} ({@code project} or {@code global}), {@code layer} and {@code status}
 * ({@code active} or {@code archived}), so that a memory scoped to a project, and every rule, is
 * scoped to it again on import, and an archived memory stays archived.
 */
final class JsonLines {

    /**
     * The detail that links a rule to the database id of its pattern. Ids do not survive an
     * export, so export writes the pattern's exchange id as {@code promoted_from_id} instead and
     * import drops the old link, which would point at an unrelated memory.
     */
    static final String PROMOTED_FROM = "promoted_from";

    static final Set<String> KNOWN = Set.of("id", "kind", "title", "text", "domain", "project", "tags", "source",
            "date", "importance", "scope", "layer", "status", PROMOTED_FROM);

    /** The detail where the store keeps the reason of an archived memory. */
    static final String ARCHIVED_REASON = "archived_reason";

    // A key given twice is rejected, because readers of the format disagree on which value wins.
    private final ObjectMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A line that could not be read, with its 1-based number. */
    record LineError(int line, String message) {
    }

    /**
     * Parses one line. With {@code projectScope} the file's {@code project} becomes the memory's
     * scope; without it the memory is global and the project is kept as a field.
     */
    RememberRequest parse(String line, int number, boolean projectScope) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("line " + number + ": " + jsonProblem(e));
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("line " + number + ": expected a JSON object");
        }
        return parse((ObjectNode) node, number, projectScope);
    }

    /** Reads one memory from its exchange fields; {@code number} is the line that errors name. */
    RememberRequest parse(ObjectNode node, int number, boolean projectScope) {
        FieldChecks.check(node, number);
        String text = text(node, "text").orElseThrow(() -> new IllegalArgumentException("line " + number
                + ": missing 'text'"));
        String kindText = text(node, "kind").orElseThrow(() -> new IllegalArgumentException("line " + number
                + ": missing 'kind'"));
        Kind kind = Kind.parse(kindText).orElseThrow(() -> new IllegalArgumentException("line " + number
                + ": unknown kind " + FieldChecks.shown(node.get("kind")) + "; expected one of "
                + Kind.wireNames(Kind.values())));
        Optional<String> project = text(node, "project");
        boolean scoped = projectScope || kind == Kind.RULE || text(node, "scope").filter("project"::equals).isPresent();
        if (kind == Kind.RULE && project.isEmpty()) {
            throw new IllegalArgumentException("line " + number + ": a rule needs a 'project'");
        }
        double importance = node.path("importance").isNumber() ? node.get("importance").asDouble() : 0.5;
        return new RememberRequest(text, text(node, "title"), kind, scoped ? project : Optional.empty(),
                text(node, "domain").orElse(""), tags(node), importance, details(node, scoped),
                date(node, number), text(node, "id"), status(node));
    }

    /**
     * Returns the status of a line. Exports written before the {@code status} field
     * existed mark an archived memory only by its {@code archived_reason}, which the store
     * removes when a memory is restored, so that field alone also means archived.
     */
    private static Status status(JsonNode node) {
        Optional<String> status = text(node, "status");
        if (status.isPresent()) {
            return Status.fromWireName(status.get());
        }
        return node.hasNonNull(ARCHIVED_REASON) ? Status.ARCHIVED : Status.ACTIVE;
    }

    private static String jsonProblem(JsonProcessingException e) {
        String problem = FieldChecks.escapeHidden(e.getOriginalMessage());
        // Jackson 2 reports a key given twice as "Duplicate field 'NAME'".
        if (problem.startsWith("Duplicate field ")) {
            return "field " + problem.substring("Duplicate field ".length()) + " appears twice; keep one";
        }
        return "not valid JSON (" + problem + ")";
    }

    /**
     * Renders a memory as one line of the exchange format, with its extra fields in key order so
     * that exporting the same memories twice gives the same bytes. {@code exchangeIdOf} returns
     * the exchange id of the memory with the given database id; a memory with an external id
     * keeps it.
     */
    String write(Memory memory, java.util.function.LongFunction<String> exchangeIdOf) {
        ObjectNode node = fields(memory, exchangeIdOf);
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("memory " + memory.id() + " cannot be written as JSON", e);
        }
    }

    /** Returns the exchange fields of a memory, in the order {@link #write} prints them. */
    ObjectNode fields(Memory memory, java.util.function.LongFunction<String> exchangeIdOf) {
        ObjectNode node = json.createObjectNode();
        node.put("id", memory.externalId().orElseGet(() -> exchangeIdOf.apply(memory.id())));
        node.put("kind", memory.kind().wireName());
        node.put("title", memory.title());
        node.put("text", memory.body());
        if (!memory.domain().isEmpty()) {
            node.put("domain", memory.domain());
        }
        memory.project().ifPresent(project -> node.put("project", project.value()));
        node.put("scope", memory.project().isPresent() ? "project" : "global");
        node.put("layer", memory.layer().name());
        node.put("status", memory.status().wireName());
        node.set("tags", json.valueToTree(memory.tags()));
        node.put("date", memory.createdAt().toString());
        node.put("importance", memory.importance());
        new java.util.TreeMap<>(memory.details()).forEach((key, value) -> {
            if (key.equals(PROMOTED_FROM) && value instanceof Number patternId) {
                node.put("promoted_from_id", exchangeIdOf.apply(patternId.longValue()));
            } else if (!node.has(key)) {
                node.set(key, json.valueToTree(value));
            }
        });
        if (!node.has("project") && memory.details().get("project") != null) {
            node.set("project", json.valueToTree(memory.details().get("project")));
        }
        return node;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        String text = value.isTextual() ? value.asText() : value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    private static List<String> tags(JsonNode node) {
        JsonNode tags = node.get("tags");
        List<String> result = new ArrayList<>();
        if (tags == null || tags.isNull()) {
            return result;
        }
        if (tags.isTextual()) {
            for (String tag : tags.asText().split(",")) {
                if (!tag.isBlank()) {
                    result.add(tag.strip());
                }
            }
            return result;
        }
        for (JsonNode tag : tags) {
            if (!tag.isNull() && !tag.asText().isBlank()) {
                result.add(tag.asText().strip());
            }
        }
        return result;
    }

    private Map<String, Object> details(JsonNode node, boolean projectScope) {
        Map<String, Object> details = new LinkedHashMap<>();
        text(node, "source").ifPresent(source -> details.put("source", source));
        if (!projectScope) {
            text(node, "project").ifPresent(project -> details.put("project", project));
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!KNOWN.contains(field.getKey()) && !field.getValue().isNull()) {
                details.put(field.getKey(), json.convertValue(field.getValue(), Object.class));
            }
        }
        return details;
    }

    private static Optional<Instant> date(JsonNode node, int number) {
        Optional<String> text = text(node, "date");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get().strip();
        try {
            return Optional.of(value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("line " + number + ": 'date' must be YYYY-MM-DD or an ISO-8601 "
                    + "instant, got " + FieldChecks.shown(node.get("date")));
        }
    }
}

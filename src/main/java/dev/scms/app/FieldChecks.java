package dev.scms.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scms.core.Texts;
import java.util.List;
import java.util.Set;

/**
 * Checks the known fields of one memory in the exchange format before it is read, so that an
 * invalid value is rejected with its line, field, value and expected form instead of being
 * dropped or replaced by a default. A field that is absent or JSON {@code null} passes.
 */
final class FieldChecks {

    /** Characters of a value shown in a message; longer values are cut with "…". */
    private static final int SHOWN_CHARS = 60;

    private static final List<String> STRING_FIELDS = List.of("text", "kind", "title", "domain", "project", "source",
            "date");

    private FieldChecks() {
    }

    /** Throws {@link IllegalArgumentException} naming {@code line} for the first invalid field value. */
    static void check(ObjectNode node, int line) {
        for (String field : STRING_FIELDS) {
            require(node, field, JsonNode::isTextual, "a string", line);
        }
        require(node, "id", value -> value.isTextual() || value.canConvertToExactIntegral(),
                "a string or a whole number", line);
        require(node, "importance", value -> value.isNumber() && value.asDouble() >= 0.0 && value.asDouble() <= 1.0,
                "a number from 0 to 1", line);
        requireOneOf(node, "scope", Set.of("project", "global"), "\"project\" or \"global\"", line);
        requireOneOf(node, "status", Set.of("active", "archived"), "\"active\" or \"archived\"", line);
        requireOneOf(node, "layer", Set.of("L0", "L1"), "\"L0\" or \"L1\"", line);
        require(node, "tags", FieldChecks::isTagList, "a list of strings or one comma-separated string", line);
        boolean projectScope = node.path("scope").asText("").equals("project");
        if (projectScope && node.path("project").asText("").isBlank()) {
            throw new IllegalArgumentException("line " + line + ": 'scope' is \"project\" but 'project' is missing; "
                    + "add the project folder or name, or set 'scope' to \"global\"");
        }
    }

    /**
     * Returns a value as a message shows it: as JSON, so that a string keeps its quotes, escaped
     * and cut as {@link #escaped} does.
     */
    static String shown(JsonNode value) {
        return escaped(value.toString());
    }

    /** Returns text with every control, format and line-separator character escaped, cut to 60 characters. */
    static String escaped(String text) {
        return Texts.truncate(escapeHidden(text), SHOWN_CHARS);
    }

    /** Returns text with every control, format and line-separator character escaped as \\uXXXX. */
    static String escapeHidden(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().forEach(c -> {
            boolean hidden = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || c == 0x2028 || c == 0x2029;
            if (hidden) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }

    private static void require(ObjectNode node, String field, java.util.function.Predicate<JsonNode> valid,
            String expected, int line) {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull() && !valid.test(value)) {
            throw new IllegalArgumentException("line " + line + ": '" + field + "' must be " + expected + ", got "
                    + shown(value));
        }
    }

    private static void requireOneOf(ObjectNode node, String field, Set<String> allowed, String expected, int line) {
        require(node, field, value -> value.isTextual() && allowed.contains(value.asText()), expected, line);
    }

    private static boolean isTagList(JsonNode tags) {
        if (tags.isTextual()) {
            return true;
        }
        if (!tags.isArray()) {
            return false;
        }
        for (JsonNode tag : tags) {
            if (!tag.isTextual() && !tag.isNull()) {
                return false;
            }
        }
        return true;
    }
}

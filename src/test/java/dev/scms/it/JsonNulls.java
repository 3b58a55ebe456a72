package dev.scms.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/** Finds JSON {@code null} values in a Jackson tree, which no MCP message of the server may contain. */
final class JsonNulls {

    private JsonNulls() {
    }

    /** Returns the JSON Pointer of the first {@code null} in document order, or empty when there is none. */
    static Optional<String> firstNull(JsonNode node) {
        return firstNull(node, "");
    }

    /** Throws an {@link AssertionError} naming {@code message} and the JSON Pointer of the first {@code null}. */
    static void assertNone(JsonNode node, String message) {
        firstNull(node).ifPresent(pointer -> {
            throw new AssertionError("null at " + (pointer.isEmpty() ? "the root" : pointer) + " of " + message);
        });
    }

    private static Optional<String> firstNull(JsonNode node, String pointer) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.of(pointer);
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                Optional<String> found = firstNull(field.getValue(), pointer + "/" + escape(field.getKey()));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (node.isArray()) {
            for (int index = 0; index < node.size(); index++) {
                Optional<String> found = firstNull(node.get(index), pointer + "/" + index);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** Escapes a member name as RFC 6901 requires: {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}

package dev.scms.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Checks the params of a {@code tools/call} request before the SDK maps them onto its types. */
final class ToolCallParams {

    private ToolCallParams() {
    }

    /**
     * Returns the problem with the params, or empty when they are usable. Arguments sent as a
     * JSON-encoded object inside a string are decoded in place, and null arguments are removed.
     */
    static Optional<String> repair(ObjectNode message, ObjectMapper json) {
        JsonNode params = message.get("params");
        if (params == null || !params.isObject()) {
            return Optional.of("params must be an object with the tool's name and arguments");
        }
        ObjectNode object = (ObjectNode) params;
        if (!object.path("name").isTextual()) {
            return Optional.of("params.name must be the name of a tool");
        }
        JsonNode arguments = object.get("arguments");
        if (arguments == null || arguments.isObject()) {
            return Optional.empty();
        }
        if (arguments.isNull()) {
            object.remove("arguments");
            return Optional.empty();
        }
        if (arguments.isTextual()) {
            try {
                JsonNode decoded = json.readTree(arguments.asText());
                if (decoded != null && decoded.isObject()) {
                    object.set("arguments", decoded);
                    return Optional.empty();
                }
            } catch (JsonProcessingException e) {
                return Optional.of("params.arguments must be an object of argument names and values");
            }
        }
        return Optional.of("params.arguments must be an object of argument names and values");
    }
}

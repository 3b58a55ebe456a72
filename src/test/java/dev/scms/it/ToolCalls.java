package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON-RPC lines for {@code tools/call} and checks on their replies, for tests that drive a {@link RawSession}. */
final class ToolCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolCalls() {
    }

    /**
     * Returns the JSON text of a {@code tools/call} request. The id is always the first member, so
     * a reader of the raw line, for example in a failure message, finds it at the start.
     */
    static String call(Object id, String tool, Map<String, Object> arguments) throws JsonProcessingException {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", tool);
        params.put("arguments", arguments);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", id);
        request.put("jsonrpc", "2.0");
        request.put("method", "tools/call");
        request.put("params", params);
        return JSON.writeValueAsString(request);
    }

    /** Returns the result of a tool call that must have succeeded, and fails the test otherwise. */
    static JsonNode successful(JsonNode reply) {
        JsonNode result = reply.path("result");
        assertThat(result.isObject()).as("reply %s", reply).isTrue();
        assertThat(result.path("isError").asBoolean(false)).as("reply %s", reply).isFalse();
        return result;
    }
}

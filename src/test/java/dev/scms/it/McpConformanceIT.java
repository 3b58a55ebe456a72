package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the MCP surface of the real server process against what strict clients accept: tool
 * schemas without unions or references that are valid JSON Schema 2020-12, portable tool names,
 * no JSON {@code null} in any message, and JSON-RPC ids, errors and version negotiation. One
 * server process serves every test except the version negotiation, which needs a fresh one per
 * version.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class McpConformanceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
    private static final Set<String> FORBIDDEN_KEYWORDS = Set.of("oneOf", "anyOf", "allOf", "$ref", "$defs",
            "definitions", "$schema");
    private static final Set<String> NUMERIC_KEYWORDS = Set.of("minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems");
    /** Protocol versions published by the MCP specification up to 2025-11-25. */
    private static final Set<String> PUBLISHED_VERSIONS = Set.of("2024-11-05", "2025-03-26", "2025-06-18",
            "2025-11-25");

    @TempDir
    static Path temp;

    private RawSession session;
    private Path project;
    private final Set<JsonNode> requestIds = new HashSet<>();
    private int nextId = 100;

    @BeforeAll
    void startServer() throws Exception {
        project = Files.createDirectories(temp.resolve("conformance-project"));
        session = RawSession.start(temp.resolve("home"), project);
        JsonNode reply = requestLine(1, RawSession.initialize(1, "2025-06-18"));
        assertThat(reply.at("/result/protocolVersion").asText()).isEqualTo("2025-06-18");
        session.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    @AfterAll
    void stopServer() throws Exception {
        if (session != null) {
            session.close();
        }
    }

    @Test
    @Order(1)
    void toolSchemasUsePortableKeywordsOnly() throws Exception {
        for (JsonNode tool : tools()) {
            JsonNode schema = tool.get("inputSchema");
            List<String> problems = new ArrayList<>();

            checkPortable(schema, "", problems);

            assertThat(schema.path("type").asText()).as(tool.get("name") + " root type").isEqualTo("object");
            assertThat(problems).as("schema of " + tool.get("name")).isEmpty();
        }
    }

    @Test
    @Order(2)
    void toolSchemasAreValidJsonSchema2020() throws Exception {
        // The validator comes with the MCP SDK's Jackson module. The SDK (2.2.0) runs the same check
        // when the server starts and the server exits on a failure. This test checks the schemas as a client gets them.
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema metaSchema = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        for (JsonNode tool : tools()) {
            JsonNode schema = tool.get("inputSchema");

            assertThat(metaSchema.validate(schema)).as("meta-schema errors of " + tool.get("name")).isEmpty();
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                JsonNode defaultValue = property.getValue().get("default");
                if (defaultValue != null) {
                    assertThat(registry.getSchema(property.getValue()).validate(defaultValue))
                            .as("default of " + tool.get("name") + "." + property.getKey()).isEmpty();
                }
            }
        }
    }

    @Test
    @Order(3)
    void toolNamesArePortableAndShort() throws Exception {
        List<String> names = new ArrayList<>();
        tools().forEach(tool -> names.add(tool.get("name").asText()));

        assertThat(names).isNotEmpty().doesNotHaveDuplicates();
        for (String name : names) {
            assertThat(name).matches(TOOL_NAME).hasSizeLessThan(30);
        }
    }

    @Test
    @Order(4)
    void idsComeBackWithTheirType() throws Exception {
        JsonNode text = requestLine("abc", "{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"ping\"}");
        JsonNode number = requestLine(7, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}");
        JsonNode numericText = requestLine("7", "{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"method\":\"ping\"}");

        assertThat(text.get("id").isTextual()).isTrue();
        assertThat(text.get("id").asText()).isEqualTo("abc");
        assertThat(number.get("id").isIntegralNumber()).isTrue();
        assertThat(number.get("id").asInt()).isEqualTo(7);
        assertThat(numericText.get("id").isTextual()).isTrue();
        assertThat(numericText.get("id").asText()).isEqualTo("7");
    }

    @Test
    @Order(5)
    void notificationsGetNoReply() throws Exception {
        session.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        session.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":99}}");
        session.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}");
        session.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/no_such_notification\"}");
        session.send("{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\"}");

        request("tools/list", "{}");

        assertRepliesOnlyToRequests();
    }

    @Test
    @Order(6)
    void unknownMethodIsMethodNotFound() throws Exception {
        JsonNode reply = request("no_such/method", "{}");

        assertThat(reply.has("result")).isFalse();
        assertThat(reply.at("/error/code").asInt()).isEqualTo(-32601);
    }

    @Test
    @Order(7)
    void unknownToolIsInvalidParamsError() throws Exception {
        JsonNode reply = request("tools/call", "{\"name\":\"no_such_tool\",\"arguments\":{}}");

        assertThat(reply.has("result")).isFalse();
        assertThat(reply.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(reply.at("/error/message").asText()).contains("no_such_tool").contains("retrieve_memories");
    }

    @Test
    @Order(8)
    void initializeNegotiatesEveryVersion() throws Exception {
        List<String> requested = List.of("2024-11-05", "2025-03-26", "2025-06-18", "2099-01-01");
        List<RawSession> sessions = new ArrayList<>();
        try {
            for (String version : requested) {
                sessions.add(RawSession.start(temp.resolve("home-" + version), project));
            }
            for (int index = 0; index < requested.size(); index++) {
                String version = requested.get(index);
                JsonNode reply = sessions.get(index).requestLine(version, RawSession.initialize(version, version));

                JsonNulls.assertNone(reply, "initialize reply for " + version);
                assertThat(reply.has("error")).as("error for " + version).isFalse();
                String answered = reply.at("/result/protocolVersion").asText();
                assertThat(answered).as("version answered to " + version).isIn(PUBLISHED_VERSIONS);
                if (PUBLISHED_VERSIONS.contains(version)) {
                    assertThat(answered).as("version answered to " + version).isEqualTo(version);
                }
            }
        } finally {
            for (RawSession started : sessions) {
                started.close();
            }
        }
    }

    @Test
    @Order(9)
    void noMessageOfAFullSessionContainsNull() throws Exception {
        callEveryTool();
        readEveryResource();
        getEveryPrompt();
        request("ping", "{}");

        List<JsonNode> messages = session.received();
        for (int index = 0; index < messages.size(); index++) {
            JsonNode message = messages.get(index);
            JsonNulls.assertNone(message, "message " + index + ": " + message);
            for (JsonNode contents : message.at("/result/contents")) {
                if ("application/json".equals(contents.path("mimeType").asText())) {
                    JsonNulls.assertNone(JSON.readTree(contents.get("text").asText()), "resource " + contents.get("uri"));
                }
            }
        }
        assertRepliesOnlyToRequests();
    }

    private void callEveryTool() throws Exception {
        JsonNode pattern = ok("remember", "{\"text\":\"Pin the JDK version in CI so that builds are reproducible.\","
                + "\"domain\":\"ci\",\"tags\":[\"ci\",\"jdk\"],\"importance\":0.7}");
        long patternId = pattern.at("/result/structuredContent/id").asLong();
        JsonNode rule = ok("remember", "{\"text\":\"Every SQL migration in this project is reversible.\","
                + "\"kind\":\"rule\"}");
        long ruleId = rule.at("/result/structuredContent/id").asLong();
        ok("log_failure", "{\"kind\":\"bug_pattern\",\"title\":\"Build fails on a newer JDK\","
                + "\"symptom\":\"error: release version 21 not supported\",\"cause\":\"CI used JDK 17\","
                + "\"fix\":\"Pin the JDK in the workflow\",\"domain\":\"ci\",\"tags\":[\"jdk\"],\"generalizable\":true}");
        JsonNode retrieved = ok("retrieve_memories", "{\"query\":\"CI fails on a JDK version\",\"k\":3,"
                + "\"layers\":[\"L0\",\"L1\"],\"kinds\":[\"pattern\",\"bug_pattern\"],\"max_tokens\":500}");
        long retrievalId = retrieved.at("/result/structuredContent/retrieval_id").asLong();
        ok("record_use", "{\"memory_id\":" + patternId + ",\"retrieval_id\":" + retrievalId
                + ",\"outcome\":\"helpful\",\"note\":\"pinned the JDK\"}");
        ok("promote", "{\"memory_id\":" + patternId + ",\"force\":true,\"rule\":\"CI pins JDK 17.\"}");
        ok("memory_stats", "{}");
        ok("memory_stats", "{\"project\":\"" + project.getFileName() + "\"}");
        ok("memory_stats", "{\"project\":\"no-such-project\"}");
        ok("forget", "{\"memory_id\":" + ruleId + ",\"reason\":\"superseded\"}");

        failed("remember", "{}");
        failed("remember", "{\"text\":\"x\",\"importance\":\"high\"}");
        failed("retrieve_memories", "{\"query\":\"x\",\"k\":0}");
        failed("retrieve_memories", "{\"query\":\"x\",\"layers\":[\"L9\"]}");
        failed("record_use", "{\"memory_id\":999999}");
        failed("promote", "{\"memory_id\":\"x\"}");
        failed("log_failure", "{\"kind\":\"oops\",\"title\":\"t\"}");
        failed("log_failure", "{\"kind\":\"edge_case\"}");
        failed("forget", "{}");
        request("tools/call", "{\"name\":\"memory_stats\"}");
        request("tools/call", "{\"name\":\"no_such_tool\"}");
    }

    private void readEveryResource() throws Exception {
        request("resources/list", "{}");
        request("resources/templates/list", "{}");
        String folder = URLEncoder.encode(project.toString(), StandardCharsets.UTF_8);
        for (String uri : List.of("scms://rules", "scms://stats", "scms://session", "scms://rules/" + folder,
                "scms://stats/" + folder, "scms://stats/no-such-project", "scms://no-such-resource")) {
            request("resources/read", "{\"uri\":\"" + uri + "\"}");
        }
    }

    private void getEveryPrompt() throws Exception {
        request("prompts/list", "{}");
        request("prompts/get", "{\"name\":\"session_start\",\"arguments\":{\"task\":\"pin the JDK in CI\"}}");
        request("prompts/get", "{\"name\":\"session_start\"}");
        request("prompts/get", "{\"name\":\"session_start\",\"arguments\":{\"no_such_argument\":\"x\"}}");
        request("prompts/get", "{\"name\":\"failure_review\",\"arguments\":{\"summary\":\"CI broke on JDK 21\"}}");
        request("prompts/get", "{\"name\":\"no_such_prompt\"}");
    }

    /** Calls a tool that must succeed. */
    private JsonNode ok(String tool, String arguments) throws Exception {
        JsonNode reply = request("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}");
        assertThat(reply.at("/result/isError").asBoolean()).as(tool + " " + arguments + ": " + reply).isFalse();
        return reply;
    }

    /** Calls a tool with invalid arguments, which must fail as an error result or a JSON-RPC error. */
    private void failed(String tool, String arguments) throws Exception {
        JsonNode reply = request("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}");
        boolean failure = reply.has("error") || reply.at("/result/isError").asBoolean();
        assertThat(failure).as(tool + " " + arguments + ": " + reply).isTrue();
    }

    private List<JsonNode> tools() throws Exception {
        JsonNode reply = request("tools/list", "{}");
        List<JsonNode> tools = new ArrayList<>();
        reply.at("/result/tools").forEach(tools::add);
        assertThat(tools).as("tools/list reply " + reply).isNotEmpty();
        return tools;
    }

    private JsonNode request(String method, String params) throws Exception {
        int id = nextId++;
        requestIds.add(JSON.valueToTree(id));
        return session.request(id, method, params);
    }

    private JsonNode requestLine(Object id, String line) throws Exception {
        requestIds.add(JSON.valueToTree(id));
        return session.requestLine(id, line);
    }

    /** Asserts that each reply so far has an id, matches a request sent and is the only reply with that id. */
    private void assertRepliesOnlyToRequests() {
        List<JsonNode> repliedIds = new ArrayList<>();
        for (JsonNode message : session.received()) {
            if (message.has("method")) {
                continue;
            }
            assertThat(message.has("id")).as("reply without an id: " + message).isTrue();
            repliedIds.add(message.get("id"));
        }
        assertThat(repliedIds).doesNotHaveDuplicates();
        assertThat(requestIds).containsAll(repliedIds);
    }

    /** Adds to {@code problems} each keyword of {@code schema} and its subschemas that strict clients reject. */
    private static void checkPortable(JsonNode schema, String pointer, List<String> problems) {
        for (String keyword : FORBIDDEN_KEYWORDS) {
            if (schema.has(keyword)) {
                problems.add(pointer + "/" + keyword + " is not allowed");
            }
        }
        for (String keyword : NUMERIC_KEYWORDS) {
            if (schema.has(keyword) && !schema.get(keyword).isNumber()) {
                problems.add(pointer + "/" + keyword + " must be a JSON number, got " + schema.get(keyword));
            }
        }
        JsonNode type = schema.get("type");
        if (type == null || !type.isTextual()) {
            problems.add(pointer + "/type must be one type name, got " + type);
        } else if (type.asText().equals("array")) {
            JsonNode items = schema.get("items");
            if (items == null || !items.isObject()) {
                problems.add(pointer + " is an array without an items schema");
            } else {
                checkPortable(items, pointer + "/items", problems);
            }
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            checkPortable(property.getValue(), pointer + "/properties/" + property.getKey(), problems);
        }
        for (JsonNode required : schema.path("required")) {
            if (!schema.path("properties").has(required.asText())) {
                problems.add(pointer + "/required names " + required + ", which is not a property");
            }
        }
    }
}

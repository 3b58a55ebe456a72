package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
 * Drives the real server process over stdio with the MCP Java SDK's client, with the real
 * model and a real SQLite file: the path an assistant takes, from remembering a lesson to the
 * rule it becomes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class McpServerIT {

    private static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    @TempDir
    static Path temp;

    private ServerProcess server;
    private Path project;

    @BeforeAll
    void startServer() throws Exception {
        project = Files.createDirectories(temp.resolve("shop-api"));
        server = ServerProcess.start(temp.resolve("home"), project, Map.of("SCMS_PROMOTION_POLICY", "static"));
        server.client().initialize();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void listsSevenToolsWithFlatSchemas() {
        List<Tool> tools = server.client().listTools().tools();

        assertThat(tools).extracting(Tool::name).containsExactlyInAnyOrder("retrieve_memories", "record_use",
                "promote", "log_failure", "remember", "forget", "memory_stats");
        for (Tool tool : tools) {
            assertThat(tool.name()).matches(TOOL_NAME).hasSizeLessThan(30);
            assertThat(tool.description()).isNotBlank();
            assertThat(tool.inputSchema()).containsEntry("type", "object");
            assertSchemaIsFlat(tool.name(), map(tool.inputSchema().get("properties")));
        }
    }

    @Test
    @Order(2)
    void rememberedPatternBecomesRuleAfterTwoUses() {
        Map<String, Object> stored = server.ok("remember", Map.of(
                "text", "Set busy_timeout and WAL mode on every SQLite connection; without them concurrent writers "
                        + "fail with SQLITE_BUSY: database is locked.",
                "domain", "sqlite", "tags", List.of("sqlite", "locking")));
        assertThat(stored).containsEntry("status", "stored");
        long id = number(stored.get("id"));

        Map<String, Object> retrieved = server.ok("retrieve_memories", Map.of(
                "query", "two processes writing the same sqlite file get database is locked"));
        assertThat(ids(retrieved, "memories")).contains(id);
        Object retrievalId = retrieved.get("retrieval_id");

        server.ok("record_use", Map.of("memory_id", id, "retrieval_id", retrievalId, "outcome", "helpful"));
        Map<String, Object> repeated = server.ok("record_use", Map.of("memory_id", id, "retrieval_id", retrievalId));
        assertThat(repeated).containsEntry("already_recorded", true).containsEntry("helpful_count", 1);

        Map<String, Object> later = server.ok("retrieve_memories", Map.of(
                "query", "sqlite busy error from a background job"));
        Map<String, Object> second = server.ok("record_use", Map.of("memory_id", String.valueOf(id),
                "retrieval_id", later.get("retrieval_id")));
        assertThat(second).containsEntry("helpful_count", 2);
        assertThat(map(second.get("promotion"))).containsEntry("eligible", true).containsEntry("just_eligible", true);

        Map<String, Object> promoted = server.ok("promote", Map.of("memory_id", id,
                "rule", "Open every SQLite connection of shop-api with WAL and busy_timeout=5000."));
        long ruleId = number(promoted.get("id"));

        Map<String, Object> next = server.ok("retrieve_memories", Map.of("query",
                "sqlite database is locked when two workers write"));
        assertThat(ids(next, "rules")).containsExactly(ruleId);
        assertThat(ids(next, "memories")).as("the promoted pattern gives way to its rule").doesNotContain(id);
    }

    @Test
    @Order(3)
    void rewordedFailureIsRediscoveredNotDuplicated() {
        Map<String, Object> first = server.ok("log_failure", Map.of(
                "kind", "bug_pattern",
                "title", "Jackson cannot serialize java.time.Instant",
                "symptom", "InvalidDefinitionException: Java 8 date/time type java.time.Instant not supported by "
                        + "default",
                "cause", "The JavaTimeModule is not registered on the ObjectMapper.",
                "fix", "Register JavaTimeModule (jackson-datatype-jsr310) on the ObjectMapper.",
                "domain", "jackson"));
        Map<String, Object> second = server.ok("log_failure", Map.of(
                "kind", "bug_pattern",
                "title", "Jackson fails to serialize java.time.Instant",
                "symptom", "InvalidDefinitionException: Java 8 date/time type java.time.Instant is not supported "
                        + "by default",
                "cause", "JavaTimeModule was never registered with the ObjectMapper.",
                "fix", "Register the JavaTimeModule from jackson-datatype-jsr310 on the ObjectMapper.",
                "domain", "jackson"));

        assertThat(first).containsEntry("status", "stored");
        assertThat(second).containsEntry("status", "rediscovered");
        assertThat(second.get("id")).isEqualTo(first.get("id"));
        assertThat(second).containsEntry("occurrences", 2);
        Map<String, Object> stats = server.ok("memory_stats", Map.of());
        assertThat(map(stats.get("by_kind"))).containsEntry("bug_pattern", 1);
    }

    @Test
    @Order(4)
    void badArgumentGivesClearErrorAndServerStaysUp() {
        CallToolResult result = server.call("retrieve_memories", Map.of("query", "anything", "k", "many"));

        assertThat(result.isError()).isTrue();
        assertThat(ServerProcess.text(result)).contains("'k'").contains("many");
        assertThat(ServerProcess.structured(result)).containsEntry("argument", "k");
        CallToolResult missing = server.call("record_use", Map.of());
        assertThat(missing.isError()).isTrue();
        assertThat(ServerProcess.text(missing)).contains("'memory_id'");
        assertThat(server.client().ping()).isNotNull();
        assertThat(server.ok("memory_stats", Map.of())).containsKey("active");
    }

    @Test
    @Order(5)
    void unknownMemoryGivesNotFoundResult() {
        CallToolResult result = server.call("forget", Map.of("memory_id", 987654));

        assertThat(result.isError()).isTrue();
        assertThat(ServerProcess.text(result)).contains("987654").contains("not found");
    }

    @Test
    @Order(6)
    void stdoutCarriesOnlyJsonRpcWithoutNulls() throws Exception {
        server.ok("memory_stats", Map.of());
        List<JsonNode> messages = server.stdoutMessages();

        assertThat(messages).isNotEmpty();
        for (JsonNode message : messages) {
            assertThat(message.path("jsonrpc").asText()).isEqualTo("2.0");
            assertThat(nullPaths(message, "$")).as("null fields in %s", message).isEmpty();
        }
    }

    @Test
    @Order(7)
    void statsShowSessionAndTokenSavings() {
        Map<String, Object> stats = server.ok("memory_stats", Map.of());

        Map<String, Object> recent = map(stats.get("recent"));
        assertThat(number(recent.get("retrievals"))).isEqualTo(3);
        assertThat(recent).containsKeys("mean_returned", "mean_considered", "tokens_saved_per_retrieval",
                "tokens_saved_share");
        assertThat(recent).containsEntry("entropy_alert", false);
        Map<String, Object> session = map(stats.get("session"));
        assertThat(number(session.get("retrievals"))).isEqualTo(3);
        assertThat(number(session.get("uses_recorded"))).isEqualTo(2);
        assertThat(number(session.get("failures_logged"))).isEqualTo(2);
        assertThat(number(session.get("failures_rediscovered"))).isEqualTo(1);
        assertThat((List<?>) session.get("recent")).hasSize(3);
    }

    private static void assertSchemaIsFlat(String tool, Map<String, Object> properties) {
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            Map<String, Object> schema = map(property.getValue());
            String where = tool + "." + property.getKey();
            assertThat(schema).as(where).doesNotContainKeys("oneOf", "anyOf", "allOf", "$ref", "$defs", "$schema");
            assertThat(schema.get("type")).as(where).isInstanceOf(String.class);
            if ("array".equals(schema.get("type"))) {
                assertThat(schema).as(where).containsKey("items");
            }
        }
    }

    private static List<String> nullPaths(JsonNode node, String path) {
        List<String> found = new ArrayList<>();
        if (node.isNull()) {
            found.add(path);
        } else if (node.isObject()) {
            node.properties().forEach(field -> found.addAll(nullPaths(field.getValue(), path + "." + field.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found.addAll(nullPaths(node.get(i), path + "[" + i + "]"));
            }
        }
        return found;
    }

    static List<Long> ids(Map<String, Object> result, String list) {
        List<Long> ids = new ArrayList<>();
        for (Object item : (Collection<?>) result.get(list)) {
            ids.add(number(map(item).get("id")));
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    static long number(Object value) {
        return ((Number) value).longValue();
    }
}

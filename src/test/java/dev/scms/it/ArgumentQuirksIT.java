package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends every tool of the real server its arguments in the forms clients really use: numbers and
 * booleans as strings, {@code ""} and {@code null} for absent, lists as JSON-encoded strings or
 * comma-separated text, ids as numbers or strings, and arguments the tool does not know, which
 * are ignored. Invalid values get an error result that names the argument. No result text ever
 * shows an exception name or a stack trace.
 */
class ArgumentQuirksIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private RawSession server;
    private int nextId = 1;

    @BeforeEach
    void startServer() throws Exception {
        Path work = Files.createDirectories(temp.resolve("work"));
        server = RawSession.start(temp.resolve("home"), work, Map.of("SCMS_PROMOTION_POLICY", "static"));
        assertThat(server.requestLine(0, RawSession.initialize(0, "2025-06-18")).has("result")).isTrue();
        server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void rememberAcceptsQuirkyForms() throws Exception {
        JsonNode stored = ok("remember", arguments("text", "Pin the Node version in .nvmrc so CI and laptops agree.",
                "title", "", "kind", null, "importance", "0.7", "tags", "[\"node\", \"ci\"]", "domain", null,
                "project", "", "confidence", "high"));

        assertThat(stored.at("/structuredContent/status").asText()).isEqualTo("stored");
        assertThat(stored.at("/structuredContent/kind").asText()).isEqualTo("pattern");
        assertThat(stored.at("/structuredContent/title").asText()).isNotBlank();
        ok("remember", arguments("text", "Run npm ci, not npm install, in CI pipelines.", "tags", "npm, ci",
                "importance", 1));

        JsonNode retrieved = ok("retrieve_memories", arguments("query", "Node version in CI and npm ci", "k", 5));
        Map<String, String> tagsByText = new HashMap<>();
        retrieved.at("/structuredContent/memories").forEach(memory -> tagsByText.put(memory.get("text").asText(),
                memory.get("tags").toString()));
        assertThat(tagsByText).containsEntry("Pin the Node version in .nvmrc so CI and laptops agree.",
                "[\"node\",\"ci\"]");
        assertThat(tagsByText).containsEntry("Run npm ci, not npm install, in CI pipelines.", "[\"npm\",\"ci\"]");

        assertRejected("remember", arguments("text", "x", "importance", "high"), "importance");
        assertRejected("remember", arguments("text", "x", "kind", "lesson"), "kind");
        assertRejected("remember", arguments("text", "", "title", "only a title"), "text");
        assertRejected("remember", arguments("text", Map.of("a", 1)), "text");
    }

    @Test
    void logFailureAcceptsQuirkyForms() throws Exception {
        JsonNode stored = ok("log_failure", arguments("kind", "bug_pattern", "title", "Jest hangs after tests finish",
                "symptom", "Jest did not exit one second after the test run completed", "cause", "", "fix", null,
                "generalizable", "false", "tags", "[\"jest\"]", "severity", 3));

        assertThat(stored.at("/structuredContent/status").asText()).isEqualTo("stored");
        assertThat(stored.at("/structuredContent/scope").asText()).isNotEqualTo("global");

        assertRejected("log_failure", arguments("kind", "bug_pattern", "title", "t", "generalizable", "maybe"),
                "generalizable");
        assertRejected("log_failure", arguments("kind", "bug", "title", "t"), "kind");
        assertRejected("log_failure", arguments("kind", "bug_pattern", "title", null), "title");
        assertRejected("log_failure", arguments("kind", "bug_pattern", "title", "t", "tags", "[\"a\", {}]"), "tags");
        assertThat(call("log_failure", arguments("kind", "bug_pattern", "title", "t", "tags", "[\"a\", {}]"))
                .at("/content/0/text").asText()).contains("'tags[1]': must be a string");
    }

    @Test
    void retrieveAcceptsQuirkyForms() throws Exception {
        ok("remember", arguments("text", "Set busy_timeout on every SQLite connection so writers wait."));

        JsonNode result = ok("retrieve_memories", arguments("query", "SQLite busy timeout", "k", "5",
                "max_tokens", "500", "layers", "[\"L0\",\"L1\"]", "kinds", "pattern,rule", "project", null,
                "verbose", true));
        assertThat(result.at("/structuredContent/memories").size()).isEqualTo(1);

        JsonNode absent = ok("retrieve_memories", arguments("query", "SQLite busy timeout", "k", "", "max_tokens",
                null, "layers", "", "kinds", null));
        assertThat(absent.at("/structuredContent/memories").size()).isEqualTo(1);

        JsonNode wholeDecimal = ok("retrieve_memories", arguments("query", "SQLite busy timeout", "k", 3.0));
        assertThat(wholeDecimal.at("/structuredContent/memories").size()).isEqualTo(1);

        assertRejected("retrieve_memories", arguments("query", "q", "k", "five"), "k");
        assertRejected("retrieve_memories", arguments("query", "q", "k", 2.5), "k");
        assertRejected("retrieve_memories", arguments("query", "q", "k", "[1]"), "k");
        assertRejected("retrieve_memories", arguments("query", "q", "layers", "L2"), "layers");
        assertRejected("retrieve_memories", arguments("query", null), "query");
    }

    @Test
    void idToolsAcceptIdsAsNumbersOrStrings() throws Exception {
        long id = ok("remember", arguments("text", "Close JDBC result sets in try-with-resources blocks."))
                .at("/structuredContent/id").asLong();
        long retrievalId = ok("retrieve_memories", arguments("query", "close JDBC result sets"))
                .at("/structuredContent/retrieval_id").asLong();

        JsonNode first = ok("record_use", arguments("memory_id", String.valueOf(id), "retrieval_id",
                String.valueOf(retrievalId), "outcome", null, "user", "", "note", null, "rating", 5));
        assertThat(first.at("/structuredContent/helpful_count").asInt()).isEqualTo(1);
        JsonNode second = ok("record_use", arguments("memory_id", "#" + id, "retrieval_id", "", "user", "other"));
        assertThat(second.at("/structuredContent/helpful_count").asInt()).isEqualTo(2);
        JsonNode third = ok("record_use", arguments("memory_id", (double) id, "outcome", "not_helpful"));
        assertThat(third.at("/structuredContent/unhelpful_count").asInt()).isEqualTo(1);

        JsonNode promoted = ok("promote", arguments("memory_id", String.valueOf(id), "force", "true", "rule", "",
                "project", null, "dry_run", false));
        assertThat(promoted.at("/structuredContent/id").asLong()).isPositive();

        JsonNode forgotten = ok("forget", arguments("memory_id", "#" + promoted.at("/structuredContent/id")
                .asLong(), "reason", null, "permanent", true));
        assertThat(forgotten.at("/structuredContent/status").asText()).isEqualTo("archived");

        assertRejected("record_use", arguments("memory_id", "abc"), "memory_id");
        assertRejected("record_use", arguments("memory_id", -3), "memory_id");
        assertRejected("record_use", arguments("memory_id", 1e30), "memory_id");
        assertRejected("record_use", arguments("memory_id", id, "outcome", "great"), "outcome");
        assertRejected("promote", arguments("memory_id", id, "force", "perhaps"), "force");
        assertRejected("forget", arguments("memory_id", ""), "memory_id");
    }

    @Test
    void statsAcceptsAbsentAndUnknownArguments() throws Exception {
        ok("memory_stats", arguments("project", ""));
        ok("memory_stats", arguments("project", null, "detail", "full"));

        assertRejected("memory_stats", arguments("project", Map.of("name", "x")), "project");
    }

    @Test
    void projectPathsNormalisedOrRejectedByValue() throws Exception {
        for (String drive : List.of("C:\\work\\shop", "c:/work/shop/", "file:///C:/work/shop")) {
            JsonNode result = ok("retrieve_memories", arguments("query", "anything", "project", drive));
            assertThat(result.at("/structuredContent/project").asText()).as(drive).isEqualTo("c:/work/shop");
        }
        String deep = "/" + "x/".repeat(5_000) + "end";
        assertThat(ok("retrieve_memories", arguments("query", "anything", "project", deep))
                .at("/structuredContent/project").asText()).isEqualTo(deep);

        assertThat(ok("retrieve_memories", arguments("query", "anything", "project", "\\\\server\\share\\x"))
                .at("/structuredContent/project").asText()).isEqualTo("//server/share/x");
        for (String local : List.of("FILE:///tmp/scms-quirks", "file://localhost/tmp/scms-quirks")) {
            assertThat(ok("retrieve_memories", arguments("query", "anything", "project", local))
                    .at("/structuredContent/project").asText()).as(local).isEqualTo("/tmp/scms-quirks");
        }

        for (String invalid : List.of("file:///tmp/a%zz", "/tmp/a\u0000b", "~nobody-here/x", "C:", "C:x", "shop\n",
                "shop\t")) {
            JsonNode result = call("retrieve_memories", arguments("query", "anything", "project", invalid));
            assertThat(result.path("isError").asBoolean()).as("%s: %s", invalid, result).isTrue();
            assertThat(result.at("/structuredContent/argument").asText()).isEqualTo("project");
        }
        assertThat(call("retrieve_memories", arguments("query", "anything", "project", "file:///tmp/a%zz"))
                .at("/content/0/text").asText()).contains("'file:///tmp/a%zz' is not a valid folder path");
    }

    @Test
    void argumentsAsEncodedObjectAccepted() throws Exception {
        int id = nextId++;
        String line = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", "tools/call", "params",
                Map.of("name", "remember", "arguments", "{\"text\": \"Quote paths that contain spaces in scripts.\"}")));

        JsonNode reply = server.requestLine(id, line);

        assertThat(reply.at("/result/isError").asBoolean()).as("reply %s", reply).isFalse();
        assertThat(reply.at("/result/structuredContent/status").asText()).isEqualTo("stored");
    }

    /** Builds an argument map from name and value pairs. Unlike {@link Map#of}, it keeps null values. */
    private static Map<String, Object> arguments(Object... pairs) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            arguments.put((String) pairs[i], pairs[i + 1]);
        }
        return arguments;
    }

    private JsonNode ok(String tool, Map<String, Object> arguments) throws Exception {
        JsonNode result = call(tool, arguments);
        assertThat(result.path("isError").asBoolean()).as("%s %s: %s", tool, arguments, result).isFalse();
        return result;
    }

    private void assertRejected(String tool, Map<String, Object> arguments, String argument) throws Exception {
        JsonNode result = call(tool, arguments);
        assertThat(result.path("isError").asBoolean()).as("%s %s: %s", tool, arguments, result).isTrue();
        assertThat(result.at("/structuredContent/error").asText()).as("%s %s", tool, arguments)
                .isEqualTo("invalid_argument");
        assertThat(result.at("/structuredContent/argument").asText()).as("%s %s", tool, arguments)
                .isEqualTo(argument);
        assertThat(result.at("/content/0/text").asText()).contains("'" + argument);
    }

    /** Calls the tool and returns its result, after checking that no text of it shows an exception. */
    private JsonNode call(String tool, Map<String, Object> arguments) throws Exception {
        int id = nextId++;
        Map<String, Object> params = new HashMap<>();
        params.put("name", tool);
        params.put("arguments", arguments);
        Map<String, Object> request = Map.of("jsonrpc", "2.0", "id", id, "method", "tools/call", "params", params);

        JsonNode reply = server.requestLine(id, JSON.writeValueAsString(request));

        JsonNode result = reply.path("result");
        assertThat(result.isObject()).as("reply %s", reply).isTrue();
        for (JsonNode content : result.path("content")) {
            assertThat(content.path("text").asText()).as("%s %s", tool, arguments)
                    .doesNotContain("Exception").doesNotContain("at dev.scms");
        }
        assertThat(result.path("structuredContent").toString()).doesNotContain("Exception");
        return result;
    }
}

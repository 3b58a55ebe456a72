package dev.scms.it;

import static dev.scms.it.ToolCalls.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends the real server arguments and messages above their documented maximums. Each gets an
 * error that names the argument, its size and the maximum, and the server replies to the next
 * request. A retrieval over long memories stays within its token budget.
 */
class LimitsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_STRING_CHARS = 20_000;
    private static final int INVALID_REQUEST = -32600;

    @TempDir
    Path temp;

    @Test
    void oversizedArgumentsRejectedByName() throws Exception {
        try (RawSession server = initialized()) {
            String longText = "a".repeat(MAX_STRING_CHARS + 1);

            assertInvalid(server.requestLine(1, call(1, "remember", Map.of("text", longText))), "text",
                    "20001 characters", "maximum of 20000");
            assertInvalid(server.requestLine(2, call(2, "retrieve_memories", Map.of("query", longText))), "query",
                    "20001 characters", "maximum of 20000");
            assertInvalid(server.requestLine(3, call(3, "log_failure", Map.of("kind", "bug_pattern", "title", "t",
                    "symptom", longText))), "symptom", "20001 characters", "maximum of 20000");
            assertInvalid(server.requestLine(4, call(4, "retrieve_memories", Map.of("query", "q", "k", 1_000_000_000))),
                    "k", "between 1 and 20", "1000000000");
            assertInvalid(server.requestLine(5, call(5, "retrieve_memories", Map.of("query", "q", "k", -1))),
                    "k", "between 1 and 20", "-1");
            assertInvalid(server.requestLine(6, call(6, "retrieve_memories", Map.of("query", "q",
                    "max_tokens", 1_000_000_000))), "max_tokens", "between 200 and 20000", "1000000000");

            assertInvalid(server.requestLine(8, call(8, "remember", Map.of("text", "t", "tags",
                    java.util.List.of("ok", longText)))), "tags", "'tags[1]'", "20001 characters", "maximum of 20000");
            JsonNode badKind = server.requestLine(9, call(9, "log_failure", Map.of("kind", "k".repeat(16_000),
                    "title", "t")));
            assertInvalid(badKind, "kind", "16000 characters");
            assertThat(badKind.at("/result/content/0/text").asText().length()).as("echoed kind").isLessThan(600);

            JsonNode stored = server.requestLine(7, call(7, "remember", Map.of("text", "a".repeat(MAX_STRING_CHARS))));
            assertThat(stored.at("/result/isError").asBoolean()).as("reply %s", stored).isFalse();
            assertThat(stored.at("/result/structuredContent/status").asText()).isEqualTo("stored");
        }
    }

    @Test
    void twentyMebibyteLineRejectedAndServerStaysUp() throws Exception {
        String text = JSON.writeValueAsString("b".repeat(20 * 1024 * 1024));
        String params = "\"params\":{\"name\":\"remember\",\"arguments\":{\"text\":" + text + "}}";
        // Clients write the id before or after the params, so the server looks for it at both ends.
        List<String> lines = List.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"," + params + "}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\"," + params + ",\"id\":1}");
        try (RawSession server = initialized()) {
            for (int i = 0; i < lines.size(); i++) {
                int id = 2 * i + 1;
                String line = lines.get(i).replace("\"id\":1", "\"id\":" + id) + "\n";
                server.write(line.getBytes(StandardCharsets.UTF_8));
                JsonNode reply = server.reply(id);

                assertThat(reply.at("/error/code").asInt()).as("reply %s", reply).isEqualTo(INVALID_REQUEST);
                assertThat(reply.at("/error/message").asText()).contains(Integer.toString(16 * 1024 * 1024));
                String ping = "{\"jsonrpc\":\"2.0\",\"id\":" + (id + 1) + ",\"method\":\"ping\"}";
                assertThat(server.requestLine(id + 1, ping).has("result")).as("ping after oversized line %d", i)
                        .isTrue();
            }
        }
    }

    @Test
    void retrievalOfLongMemoriesStaysWithinBudget() throws Exception {
        try (RawSession server = initialized()) {
            for (int i = 1; i <= 5; i++) {
                String text = "SQLite lock timeout lesson " + i + ". " + ("Set busy_timeout on every SQLite connection "
                        + "so that writers wait for the lock. ").repeat(200);
                JsonNode stored = server.requestLine(i, call(i, "remember", Map.of("text", text)));
                assertThat(stored.at("/result/isError").asBoolean()).as("reply %s", stored).isFalse();
            }

            for (int budget : new int[] {200, 500, 2_000, 20_000}) {
                int id = 100 + budget;
                JsonNode reply = server.requestLine(id, call(id, "retrieve_memories", Map.of(
                        "query", "SQLite busy timeout on every connection", "k", 5, "max_tokens", budget)));

                JsonNode result = reply.path("result");
                assertThat(result.path("isError").asBoolean()).as("reply %s", reply).isFalse();
                String text = result.at("/content/0/text").asText();
                assertThat(result.at("/structuredContent/memories").size()).as("budget %d: %s", budget, text)
                        .isPositive();
                assertThat(result.at("/structuredContent/counts/estimated_tokens").asInt()).as("budget %d", budget)
                        .isLessThanOrEqualTo(budget);
                // The whole text counts, header and provenance included, at 4 characters per token.
                assertThat(text.length()).as("text length at budget %d", budget).isLessThanOrEqualTo(4 * budget);
            }
        }
    }

    private RawSession initialized() throws Exception {
        Path work = Files.createDirectories(temp.resolve("work"));
        RawSession session = RawSession.start(temp.resolve("home"), work);
        assertThat(session.requestLine(0, RawSession.initialize(0, "2025-06-18")).has("result")).isTrue();
        session.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return session;
    }

    private static void assertInvalid(JsonNode reply, String argument, String... fragments) {
        JsonNode result = reply.path("result");
        assertThat(result.path("isError").asBoolean()).as("reply %s", reply).isTrue();
        assertThat(result.at("/structuredContent/error").asText()).isEqualTo("invalid_argument");
        assertThat(result.at("/structuredContent/argument").asText()).isEqualTo(argument);
        String text = result.at("/content/0/text").asText();
        assertThat(text).contains("'" + argument);
        for (String fragment : fragments) {
            assertThat(text).contains(fragment);
        }
        assertThat(text).doesNotContain("Exception").doesNotContain("at dev.scms");
    }

}

package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends texts that are hard on a tokenizer through {@code remember} and
 * {@code retrieve_memories} of the real server with the real model loaded, and checks that each
 * call either succeeds or is rejected as an invalid argument, and that nothing fails inside.
 */
class OddTextIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Man, zero width joiner, laptop: one emoji of five UTF-16 units. */
    private static final String TECHNOLOGIST = "\uD83D\uDC68\u200D\uD83D\uDCBB";
    private static final String E_ACUTE = "e\u0301";

    @TempDir
    Path folder;

    @Test
    void oddTextsNeverFailTheModel() throws Exception {
        Path home = folder.resolve("home");
        Path project = Files.createDirectories(folder.resolve("project"));
        // A long wait makes every call use the model, instead of ranking lexically while it loads.
        try (RawSession session = RawSession.start(home, project, Map.of("SCMS_MODEL_WAIT_MS", "60000"))) {
            session.requestLine(1, RawSession.initialize(1, "2025-06-18"));
            session.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            int id = 2;
            for (Map.Entry<String, String> text : oddTexts().entrySet()) {
                JsonNode remembered = call(session, id++, "remember", Map.of("text", text.getValue(),
                        "kind", "pattern"));
                JsonNode retrieved = call(session, id++, "retrieve_memories", Map.of("query", text.getValue()));

                System.out.printf("%s: remember %s, retrieve_memories %s%n", text.getKey(), outcome(remembered),
                        outcome(retrieved));
                assertSucceededOrInvalid("remember " + text.getKey(), remembered);
                assertSucceededOrInvalid("retrieve_memories " + text.getKey(), retrieved);
                if (!retrieved.path("result").path("isError").asBoolean()) {
                    assertThat(retrieved.path("result").path("structuredContent").path("mode").asText())
                            .as("mode of retrieval for %s", text.getKey()).isEqualTo("hybrid");
                }
            }
        }

        String stderr = Files.readString(home.resolve("stderr.log"), StandardCharsets.UTF_8);
        assertThat(stderr).doesNotContain(" ERROR ");
        assertThat(stderr).doesNotContain("OrtException");
        assertThat(stderr).doesNotContain("EmbeddingException");
    }

    @Test
    void previewCutsKeepClustersWhole() throws Exception {
        // The repeated unit is nine UTF-16 units long, so budgets one token (four units) apart cut at
        // every offset in it.
        String unit = TECHNOLOGIST + E_ACUTE + " x";
        Path project = Files.createDirectories(folder.resolve("project"));
        try (RawSession session = RawSession.start(folder.resolve("home"), project)) {
            session.requestLine(1, RawSession.initialize(1, "2025-06-18"));
            session.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            JsonNode remembered = call(session, 2, "remember", Map.of("text", "Preview cut sample. " + unit.repeat(300),
                    "title", "Preview cut sample", "kind", "pattern"));
            assertThat(remembered.path("result").path("isError").asBoolean()).as("remember %s", remembered).isFalse();

            for (int maxTokens = 300; maxTokens < 309; maxTokens++) {
                JsonNode retrieved = session.request(maxTokens, "tools/call", JSON.writeValueAsString(Map.of("name",
                        "retrieve_memories", "arguments", Map.of("query", "preview cut sample", "max_tokens",
                                maxTokens))));
                JsonNode memory = retrieved.path("result").path("structuredContent").path("memories").path(0);
                String preview = memory.path("text").asText();

                assertThat(memory.path("truncated").asBoolean()).as("truncated at %d tokens", maxTokens).isTrue();
                assertThat(preview).as("preview at %d tokens", maxTokens).endsWith("…");
                String rest = preview.replace(TECHNOLOGIST, "").replace(E_ACUTE, "");
                assertThat(rest.chars().filter(c -> Character.isSurrogate((char) c) || c == 0x200D || c == 0x0301))
                        .as("split clusters in preview at %d tokens: %s", maxTokens, preview).isEmpty();
            }
        }
    }

    private static Map<String, String> oddTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("empty", "");
        texts.put("only whitespace", " \t\n\u00A0\u3000 ");
        texts.put("only emoji", "\uD83D\uDD25\uD83D\uDC68\u200D\uD83D\uDCBB\uD83C\uDF89");
        texts.put("only combining marks", "\u0301\u0308\u0327".repeat(50));
        texts.put("NUL and controls between words", "database\u0000is\u0007locked\u001B[31m\u007F now");
        texts.put("CJK without spaces", "数据库被锁定了请稍后重试这个错误经常出现在并发写入的时候");
        texts.put("100k characters", "the database is locked by another writer ".repeat(2_500));
        texts.put("100k characters without spaces", "x".repeat(100_000));
        return texts;
    }

    private static JsonNode call(RawSession session, int id, String tool, Map<String, ?> arguments)
            throws Exception {
        String params = JSON.writeValueAsString(Map.of("name", tool, "arguments", arguments));
        return session.request(id, "tools/call", params);
    }

    private static String outcome(JsonNode reply) {
        JsonNode result = reply.path("result");
        return result.path("isError").asBoolean() ? result.path("structuredContent").path("error").asText() : "ok";
    }

    /** Checks that a tool call succeeded or was rejected as an invalid argument, with a message either way. */
    private static void assertSucceededOrInvalid(String call, JsonNode reply) {
        assertThat(reply.has("error")).as("JSON-RPC error for %s: %s", call, reply).isFalse();
        JsonNode result = reply.path("result");
        assertThat(result.path("content").path(0).path("text").asText()).as("text of %s", call).isNotBlank();
        if (result.path("isError").asBoolean()) {
            assertThat(result.path("structuredContent").path("error").asText()).as("error of %s: %s", call, reply)
                    .isEqualTo("invalid_argument");
        }
    }
}

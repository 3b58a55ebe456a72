package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes raw bytes to the real server's stdin, as a faulty or hostile client would, and checks
 * that every request with a readable id gets a reply, the server keeps serving, and stdout
 * carries nothing but JSON-RPC.
 */
class RawProtocolIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void malformedInputKeepsServerServing() throws Exception {
        String input = String.join("\n",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "",
                "{}",
                "not json at all",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\"}",
                "{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"retrieve_memories\","
                        + "\"arguments\":{\"query\":\"x\",\"k\":\"1e999999999\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"remember\","
                        + "\"arguments\":\"{\\\"text\\\":\\\"Line one\\\\r\\\\nline two\\\\u2028 \\\\t "
                        + "日本語 😀\\\"}\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\"}") + "\r\n";

        List<JsonNode> replies = run(input);

        assertThat(ids(replies)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
        assertThat(error(replies, 2)).isEqualTo(-32602);
        assertThat(error(replies, 3)).isEqualTo(-32600);
        JsonNode huge = reply(replies, 4).path("result");
        assertThat(huge.path("isError").asBoolean()).isTrue();
        assertThat(huge.at("/content/0/text").asText()).contains("'k'").hasSizeLessThan(300);
        assertThat(reply(replies, 5).at("/result/structuredContent/status").asText()).isEqualTo("stored");
        assertThat(reply(replies, 6).has("result")).isTrue();
    }

    @Test
    void everyCallOfABurstGetsItsReply() throws Exception {
        StringBuilder input = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"burst\","
                + "\"version\":\"1\"}}}\n{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
        int calls = 60;
        for (int id = 1; id <= calls; id++) {
            String call = switch (id % 3) {
                case 0 -> "\"memory_stats\",\"arguments\":{}";
                case 1 -> "\"remember\",\"arguments\":{\"text\":\"burst lesson " + id + " about cache keys\"}";
                default -> "\"retrieve_memories\",\"arguments\":{\"query\":\"cache keys " + id + "\"}";
            };
            input.append("{\"jsonrpc\":\"2.0\",\"id\":").append(id)
                    .append(",\"method\":\"tools/call\",\"params\":{\"name\":").append(call).append("}}\n");
        }

        List<JsonNode> replies = run(input.toString());

        assertThat(ids(replies)).hasSize(calls + 1).doesNotHaveDuplicates()
                .containsAll(java.util.stream.IntStream.rangeClosed(0, calls).boxed().toList());
    }

    private List<JsonNode> run(String input) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("java", "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar",
                ServerProcess.jar().toString(), "serve").redirectError(temp.resolve("stderr.log").toFile());
        builder.environment().put("SCMS_HOME", temp.resolve("home").toString());
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        List<JsonNode> replies = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                replies.add(JSON.readTree(line));
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return replies;
    }

    private static List<Integer> ids(List<JsonNode> replies) {
        return replies.stream().map(reply -> reply.path("id").asInt()).toList();
    }

    private static JsonNode reply(List<JsonNode> replies, int id) {
        return replies.stream().filter(reply -> reply.path("id").asInt() == id).findFirst().orElseThrow();
    }

    private static int error(List<JsonNode> replies, int id) {
        return reply(replies, id).path("error").path("code").asInt();
    }
}

package dev.scms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An MCP client over stdio that writes each JSON-RPC request as one line and reads, on the calling
 * thread, the lines up to the reply with the request's id. Its round trip is the server's time
 * plus the pipes, without the MCP Java SDK client's threads and object mapping. The tests'
 * {@code RawSession} reads on a thread of its own, whose hand-off would add to every time.
 */
final class LineClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedWriter requests;
    private final BufferedReader replies;
    private long nextId = 1;

    private LineClient(Process process) {
        this.process = process;
        this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Starts {@code command} with {@code environment} added, its stderr written to {@code stderr},
     * and completes the MCP handshake.
     */
    static LineClient start(List<String> command, Map<String, String> environment, Path stderr) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        LineClient client = new LineClient(builder.start());
        client.request("initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(), "clientInfo",
                Map.of("name", "scms-bench-line-client", "version", "1")));
        client.send(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
        return client;
    }

    /** A reply and the milliseconds from just before the request was written until its line was read. */
    record Reply(JsonNode message, double millis) {

        /** Returns the {@code mode} of a {@code retrieve_memories} result, or "" for any other reply. */
        String mode() {
            return message.path("result").path("structuredContent").path("mode").asText();
        }

        /** Returns true for a JSON-RPC error or a tool result flagged {@code isError}. */
        boolean failed() {
            return message.has("error") || message.path("result").path("isError").asBoolean(false);
        }
    }

    /** Calls {@code tool} with {@code arguments}. */
    Reply call(String tool, Map<String, Object> arguments) throws IOException {
        return request("tools/call", Map.of("name", tool, "arguments", arguments));
    }

    /** Sends a {@code ping}, whose round trip is the floor of any request through this client and server. */
    Reply ping() throws IOException {
        return request("ping", Map.of());
    }

    private Reply request(String method, Map<String, Object> params) throws IOException {
        long id = nextId++;
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        String line = JSON.writeValueAsString(message);
        long before = System.nanoTime();
        requests.write(line);
        requests.write('\n');
        requests.flush();
        while (true) {
            String reply = replies.readLine();
            double millis = StdioServer.millisSince(before);
            if (reply == null) {
                throw new IOException("the server closed stdout before it replied to " + method + " (id " + id + ")");
            }
            JsonNode parsed = JSON.readTree(reply);
            if (parsed.path("id").asLong(-1) == id) {
                return new Reply(parsed, millis);
            }
        }
    }

    private void send(ObjectNode message) throws IOException {
        requests.write(JSON.writeValueAsString(message));
        requests.write('\n');
        requests.flush();
    }

    /** Closes stdin, which ends the server, and waits up to 10 s before it stops the process. */
    @Override
    public void close() throws IOException {
        requests.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

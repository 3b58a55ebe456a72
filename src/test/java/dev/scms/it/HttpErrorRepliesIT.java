package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends the requests that the MCP transport rejects to the real server process, and checks that
 * each error reply is a short JSON object with error and error_description, without a stack trace
 * or null fields.
 */
class HttpErrorRepliesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

    @TempDir
    Path folder;

    private Path database;
    private String auth;

    @BeforeEach
    void token() throws Exception {
        Path project = Files.createDirectories(folder.resolve("project"));
        database = folder.resolve("data").resolve("scms.db");
        CliRun run = CliRun.run(folder, project, database, "token", "create", "--user", "alice");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String[] words = run.stdout().strip().split("\\s+");
        auth = "Bearer " + words[words.length - 1];
    }

    @Test
    void transportErrorsGetShortJsonReplies() throws Exception {
        try (HttpServerProcess server = HttpServerProcess.start(folder, database, loopback())) {
            HttpResponse<String> unknownSession = server.request("POST", headers("Mcp-Session-Id", "abc"),
                    bytes(TOOLS_LIST));
            HttpResponse<String> malformed = server.request("POST", headers(), bytes("{\"jsonrpc\":"));
            HttpResponse<String> empty = server.request("POST", headers(), new byte[0]);
            HttpResponse<String> array = server.request("POST", headers(), bytes("[" + TOOLS_LIST + "]"));
            HttpResponse<String> text = server.request("POST", headers("Content-Type", "text/plain"),
                    bytes(TOOLS_LIST));
            HttpResponse<String> noAccept = server.request("POST", headers("Accept", "text/html"),
                    bytes(TOOLS_LIST));
            HttpResponse<String> delete = server.request("DELETE", headers(), new byte[0]);
            HttpResponse<String> get = server.request("GET", headers(), new byte[0]);
            HttpResponse<String> put = server.request("PUT", headers(), bytes(TOOLS_LIST));

            assertReply(unknownSession, 404, "session_not_found", "session 'abc' is unknown or has ended",
                    "send initialize");
            assertReply(malformed, 400, "invalid_request", "the body is not valid JSON: Unexpected end-of-input");
            assertReply(empty, 400, "invalid_request", "the body is empty");
            assertReply(array, 400, "invalid_request", "the body is a JSON array");
            assertReply(text, 415, "unsupported_media_type", "Content-Type 'text/plain' is not supported",
                    "application/json");
            assertReply(noAccept, 400, "invalid_request", "Accept");
            assertReply(delete, 400, "missing_session", "DELETE needs the Mcp-Session-Id header");
            assertReply(get, 400, "missing_session", "GET needs the Mcp-Session-Id header");
            assertReply(put, 405, "method_not_allowed", "'PUT'");
        }
    }

    @Test
    void bodyAboveSixteenMibGets413NamingTheLimit() throws Exception {
        try (HttpServerProcess server = HttpServerProcess.start(folder, database, loopback())) {
            byte[] body = new byte[(16 << 20) + 1];
            Arrays.fill(body, (byte) ' ');

            HttpResponse<String> response = server.request("POST", headers(), body);

            assertReply(response, 413, "request_too_large", "larger than 16777216 bytes (16 MiB)");
        }
    }

    @Test
    void bodyJustBelowTheLimitReachesTheServer() throws Exception {
        try (HttpServerProcess server = HttpServerProcess.start(folder, database, loopback())) {
            String padding = " ".repeat((16 << 20) - 200);
            String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                    + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\","
                    + "\"version\":\"1\"}}" + padding + "}";

            HttpResponse<String> response = server.request("POST", headers(), bytes(initialize));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"serverInfo\"");
        }
    }

    private static void assertReply(HttpResponse<String> response, int status, String error, String... phrases)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        Iterator<String> names = body.fieldNames();
        assertThat(names).toIterable().containsExactly("error", "error_description");
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("error_description").asText()).contains(phrases);
        assertThat(response.body()).doesNotContain("stackTrace").doesNotContain("null").doesNotContain("Exception");
    }

    private Map<String, String> headers(String... pairs) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", auth);
        for (int i = 0; i < pairs.length; i += 2) {
            headers.put(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String loopback() throws Exception {
        return "127.0.0.1:" + HttpServerProcess.freePort();
    }
}

package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends requests to the real server after the initialize reply but before
 * notifications/initialized, or without that notification at all. MCP 2025-06-18 requires
 * clients only to wait for the initialize reply, so each request gets its reply.
 */
class EarlyRequestsIT {

    private static final String PROTOCOL_VERSION = "2025-06-18";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    @TempDir
    Path temp;

    @Test
    void requestsWithoutInitializedAnswered() throws Exception {
        Path home = temp.resolve("home");
        try (RawSession server = RawSession.start(home, Files.createDirectories(temp.resolve("project")))) {
            server.requestLine(1, RawSession.initialize(1, PROTOCOL_VERSION));

            JsonNode ping = server.request(2, "ping", "{}");
            JsonNode tools = server.request(3, "tools/list", "{}");
            JsonNode remember = server.request(4, "tools/call",
                    "{\"name\":\"remember\",\"arguments\":{\"text\":\"Run the migrations before the tests start.\"}}");

            assertThat(ping.has("result")).as("reply %s", ping).isTrue();
            assertThat(tools.at("/result/tools").size()).as("reply %s", tools).isPositive();
            assertThat(remember.at("/result/isError").asBoolean(false)).as("reply %s", remember).isFalse();
        }
        assertThat(Files.readString(home.resolve("stderr.log"))).contains("before notifications/initialized")
                .doesNotContain("ERROR");
    }

    @Test
    void lateInitializedKeepsServing() throws Exception {
        Path home = temp.resolve("home");
        try (RawSession server = RawSession.start(home, Files.createDirectories(temp.resolve("project")))) {
            server.requestLine(1, RawSession.initialize(1, PROTOCOL_VERSION));
            JsonNode early = server.request(2, "tools/list", "{}");
            server.send(INITIALIZED);

            JsonNode ping = server.request(3, "ping", "{}");
            JsonNode late = server.request(4, "tools/list", "{}");

            assertThat(early.has("result")).as("reply %s", early).isTrue();
            assertThat(ping.has("result")).as("reply %s", ping).isTrue();
            assertThat(late.has("result")).as("reply %s", late).isTrue();
        }
        assertThat(Files.readString(home.resolve("stderr.log"))).doesNotContain("ERROR");
    }
}

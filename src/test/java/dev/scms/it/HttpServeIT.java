package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code scms serve --http} as a real process on a temporary SQLite database, with tokens
 * from {@code scms token create}, and talks to it with the MCP Java SDK's Streamable HTTP client
 * and with raw HTTP requests.
 */
class HttpServeIT {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\","
            + "\"version\":\"1\"}}}";

    @TempDir
    Path folder;

    private Path project;
    private Path database;

    @BeforeEach
    void folders() throws Exception {
        project = Files.createDirectories(folder.resolve("project"));
        database = folder.resolve("data").resolve("scms.db");
    }

    @Test
    void twoUsersMakePatternEligible() throws Exception {
        String alice = createToken("alice");
        String bob = createToken("bob");
        try (HttpServerProcess server = HttpServerProcess.start(folder, database, loopback())) {
            teamRuleMakesPatternEligible(server.client(alice), server.client(bob));
        }
        assertThat(query("SELECT COUNT(DISTINCT user) FROM uses")).isEqualTo(2);
    }

    /**
     * Checks the team rule of a two-person team. Alice's helpful uses of her pattern leave it one
     * user short, one use by Bob makes it eligible, and promote then reports both users.
     */
    static void teamRuleMakesPatternEligible(McpSyncClient aliceClient, McpSyncClient bobClient) {
        long pattern = remember(aliceClient, "Pin the Node version in .nvmrc so CI and laptops build alike.");
        long other = remember(bobClient, "Run database migrations before the new code starts serving.");
        // Bob's use of another memory makes the project's team two people, so the team rule requires
        // two distinct users.
        recordUse(bobClient, other, retrieve(bobClient, "database migrations before serving", other));

        Map<String, Object> promotion = Map.of();
        int aliceUses = 0;
        do {
            long retrieval = retrieve(aliceClient, "which Node version does CI use", pattern);
            promotion = promotion(recordUse(aliceClient, pattern, retrieval));
            aliceUses++;
        } while (((Number) promotion.get("missing_uses")).intValue() > 0 && aliceUses < 20);

        assertThat(promotion.get("missing_uses")).as("uses alice still lacks").isEqualTo(0);
        assertThat(promotion.get("required_users")).isEqualTo(2);
        assertThat(promotion.get("missing_users")).isEqualTo(1);
        assertThat(promotion.get("eligible")).isEqualTo(false);

        Map<String, Object> afterBob = promotion(recordUse(bobClient, pattern, retrieve(bobClient,
                "which Node version does CI use", pattern)));

        assertThat(afterBob.get("missing_users")).isEqualTo(0);
        assertThat(afterBob.get("eligible")).isEqualTo(true);
        assertThat(afterBob.get("just_eligible")).isEqualTo(true);
        Map<String, Object> promoted = ok(bobClient, "promote", Map.of("memory_id", pattern, "project", "shop"));
        @SuppressWarnings("unchecked")
        Map<String, Object> evidence = (Map<String, Object>) promoted.get("evidence");
        assertThat(evidence.get("distinct_users")).isEqualTo(2);
        assertThat(evidence.get("team_size")).isEqualTo(2);
        assertThat(evidence.get("user")).isEqualTo("bob");
        assertThat(evidence.get("forced")).isEqualTo(false);
    }

    @Test
    void userArgumentOfAnotherUserRejected() throws Exception {
        String alice = createToken("alice");
        try (HttpServerProcess server = HttpServerProcess.start(folder, database, loopback())) {
            McpSyncClient client = server.client(alice);
            long pattern = remember(client, "Quote shell variables so that paths with spaces survive.");

            CallToolResult other = call(client, "record_use", Map.of("memory_id", pattern, "project", "shop",
                    "user", "mallory"));
            Map<String, Object> same = ok(client, "record_use", Map.of("memory_id", pattern, "project", "shop",
                    "user", "alice"));

            assertThat(other.isError()).isTrue();
            assertThat(ServerProcess.text(other)).contains("'mallory' is not the user of this request's token, alice");
            assertThat(same.get("helpful_count")).isEqualTo(1);
        }
        assertThat(query("SELECT COUNT(*) FROM uses WHERE user = 'mallory'")).isZero();
        assertThat(query("SELECT COUNT(*) FROM uses WHERE user = 'alice'")).isEqualTo(1);
    }

    @Test
    void missingOrWrongTokenGets401() throws Exception {
        createToken("alice");
        try (HttpServerProcess server = HttpServerProcess.start(folder, database, loopback())) {
            HttpResponse<String> missing = server.post(Map.of(), INITIALIZE);
            HttpResponse<String> wrong = server.post(Map.of("Authorization", "Bearer scms_" + "x".repeat(43)),
                    INITIALIZE);
            HttpResponse<String> otherScheme = server.post(Map.of("Authorization", "Basic YWxpY2U6c2VjcmV0"),
                    INITIALIZE);

            assertThat(missing.statusCode()).isEqualTo(401);
            assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value)
                    .startsWith("Bearer"));
            assertThat(missing.body()).contains("\"error\":\"missing_token\"");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value)
                    .contains("error=\"invalid_token\""));
            assertThat(wrong.body()).contains("\"error\":\"invalid_token\"");
            assertThat(otherScheme.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void revokedTokenRejectedOnNextRequest() throws Exception {
        String alice = createToken("alice");
        try (HttpServerProcess server = HttpServerProcess.start(folder, database, loopback())) {
            McpSyncClient client = server.client(alice);
            remember(client, "Close every HTTP response body so that connections return to the pool.");

            CliRun revoked = cli("token", "revoke", "--user", "alice");
            HttpResponse<String> after = server.post(Map.of("Authorization", "Bearer " + alice), INITIALIZE);

            assertThat(revoked.exitCode()).as(revoked.stderr()).isZero();
            assertThat(revoked.stdout()).contains("Revoked 1 token of user alice.");
            assertThat(after.statusCode()).isEqualTo(401);
            assertThatThrownBy(() -> call(client, "memory_stats", Map.of())).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void validTokenInitializesWithSession() throws Exception {
        String alice = createToken("alice");
        try (HttpServerProcess server = HttpServerProcess.start(folder, database, loopback())) {
            HttpResponse<String> response = server.post(Map.of("Authorization", "Bearer " + alice), INITIALIZE);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Mcp-Session-Id")).isPresent();
            assertThat(response.body()).contains("\"serverInfo\":{\"name\":\"scms\"");
        }
    }

    @Test
    void getOpensEventStream() throws Exception {
        String alice = createToken("alice");
        try (HttpServerProcess server = HttpServerProcess.start(folder, database, loopback())) {
            Map<String, String> session = openSession(server, alice);

            HttpResponse<java.io.InputStream> stream = server.get(session);
            stream.body().close();

            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("text/event-stream"));
        }
    }

    @Test
    void sigtermWithOpenEventStreamStopsCleanly() throws Exception {
        String alice = createToken("alice");
        HttpServerProcess server = HttpServerProcess.start(folder, database, loopback());
        try (server) {
            Map<String, String> session = openSession(server, alice);
            HttpResponse<java.io.InputStream> stream = server.get(session);
            assertThat(stream.statusCode()).isEqualTo(200);

            server.terminate();
            stream.body().close();

            assertThat(server.process().isAlive()).isFalse();
            assertThat(server.stderr()).noneMatch(line -> line.contains("Stopping the HTTP server failed"));
        }
    }

    @Test
    void deleteEndsSessionAndStoresSummary() throws Exception {
        String alice = createToken("alice");
        try (HttpServerProcess server = HttpServerProcess.start(folder, database, loopback())) {
            Map<String, String> session = openSession(server, alice);
            HttpResponse<String> stats = server.post(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"memory_stats\",\"arguments\":{\"project\":\"shop\"}}}");

            HttpResponse<String> deleted = server.delete(session);
            HttpResponse<String> after = server.post(session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");

            assertThat(stats.statusCode()).isEqualTo(200);
            assertThat(deleted.statusCode()).isEqualTo(200);
            assertThat(after.statusCode()).as("request in the ended session").isEqualTo(404);
            assertThat(query("SELECT COUNT(*) FROM sessions")).as("summary rows while the server runs").isEqualTo(1);
        }
    }

    @Test
    void foreignOriginGets403() throws Exception {
        String alice = createToken("alice");
        try (HttpServerProcess server = HttpServerProcess.start(folder, database, loopback(), "--allow-origin",
                "https://team.example.com")) {
            Map<String, String> auth = Map.of("Authorization", "Bearer " + alice);
            HttpResponse<String> foreign = server.post(Map.of("Authorization", "Bearer " + alice, "Origin",
                    "http://rebound.example"), INITIALIZE);
            HttpResponse<String> allowed = server.post(Map.of("Authorization", "Bearer " + alice, "Origin",
                    "https://team.example.com"), INITIALIZE);
            HttpResponse<String> local = server.post(Map.of("Authorization", "Bearer " + alice, "Origin",
                    "http://localhost:6274"), INITIALIZE);
            HttpResponse<String> none = server.post(auth, INITIALIZE);

            assertThat(foreign.statusCode()).isEqualTo(403);
            assertThat(foreign.body()).contains("origin_not_allowed").contains("--allow-origin");
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(local.statusCode()).isEqualTo(200);
            assertThat(none.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void sessionOfAnotherUserRejected() throws Exception {
        String alice = createToken("alice");
        String bob = createToken("bob");
        try (HttpServerProcess server = HttpServerProcess.start(folder, database, loopback())) {
            String session = server.post(Map.of("Authorization", "Bearer " + alice), INITIALIZE).headers()
                    .firstValue("Mcp-Session-Id").orElseThrow();

            HttpResponse<String> hijack = server.post(Map.of("Authorization", "Bearer " + bob, "Mcp-Session-Id",
                    session), "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");

            assertThat(hijack.statusCode()).isEqualTo(403);
            assertThat(hijack.body()).contains("session_of_another_user");
        }
    }

    @Test
    void portAloneBindsLoopback() throws Exception {
        createToken("alice");
        int port = HttpServerProcess.freePort();
        try (HttpServerProcess server = HttpServerProcess.start(folder, database, Integer.toString(port))) {
            assertThat(server.endpoint().toString()).isEqualTo("http://127.0.0.1:" + port + "/mcp");
            assertThat(server.stderr()).noneMatch(line -> line.contains("reverse proxy"));
        }
    }

    @Test
    void portInUseNamesAddress() throws Exception {
        createToken("alice");
        try (HttpServerProcess first = HttpServerProcess.start(folder, database, loopback())) {
            String address = first.endpoint().getAuthority();

            Process second = HttpServerProcess.launch(folder.resolve("second"), database, address);
            assertThat(second.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String stderr = new String(second.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(second.exitValue()).isEqualTo(1);
            assertThat(stderr).contains("scms: cannot listen on " + address).contains("pass another port with --http");
        }
    }

    @Test
    void invalidAddressNamesValue() throws Exception {
        Process process = HttpServerProcess.launch(folder, database, "127.0.0.1:99999");
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String stderr = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr).contains("invalid --http: '127.0.0.1:99999' is not a valid address");
    }

    @Test
    void noAuthRejectedOffLoopback() throws Exception {
        Process process = HttpServerProcess.launch(folder, database, "0.0.0.0:" + HttpServerProcess.freePort(),
                "--insecure-no-auth");
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String stderr = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr).contains("invalid --insecure-no-auth: is allowed only on a loopback address");
    }

    @Test
    void noAuthOnLoopbackAcceptsRequests() throws Exception {
        try (HttpServerProcess server = HttpServerProcess.start(folder, database, loopback(), "--insecure-no-auth",
                "--user", "conformance")) {
            HttpResponse<String> response = server.post(Map.of(), INITIALIZE);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(server.stderr()).anyMatch(line -> line.contains("INSECURE: --insecure-no-auth is set"));
        }
    }

    @Test
    void sigtermEndsSessionsAndExits() throws Exception {
        String alice = createToken("alice");
        HttpServerProcess server = HttpServerProcess.start(folder, database, loopback());
        try (server) {
            McpSyncClient client = server.client(alice);
            remember(client, "Set a timeout on every outgoing HTTP call.");

            server.terminate();

            assertThat(server.process().isAlive()).isFalse();
            assertThat(server.stderr()).anyMatch(line -> line.contains("stopping the HTTP server"));
        }
        assertThat(query("SELECT COUNT(*) FROM sessions")).isEqualTo(1);
    }

    /** Initializes a session over raw HTTP and returns the headers that later requests of it send. */
    private static Map<String, String> openSession(HttpServerProcess server, String token) {
        HttpResponse<String> initialized = server.post(Map.of("Authorization", "Bearer " + token), INITIALIZE);
        assertThat(initialized.statusCode()).as(initialized.body()).isEqualTo(200);
        Map<String, String> session = Map.of("Authorization", "Bearer " + token, "Mcp-Session-Id",
                initialized.headers().firstValue("Mcp-Session-Id").orElseThrow(), "MCP-Protocol-Version", "2025-06-18");
        HttpResponse<String> notified = server.post(session,
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertThat(notified.statusCode()).isEqualTo(202);
        return session;
    }

    private String loopback() throws Exception {
        return "127.0.0.1:" + HttpServerProcess.freePort();
    }

    private String createToken(String user) throws Exception {
        CliRun run = cli("token", "create", "--user", user);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String[] words = run.stdout().strip().split("\\s+");
        return words[words.length - 1];
    }

    private CliRun cli(String... args) throws Exception {
        return CliRun.run(folder, project, database, args);
    }

    private static long remember(McpSyncClient client, String text) {
        return ((Number) ok(client, "remember", Map.of("text", text, "project", "shop")).get("id")).longValue();
    }

    /** Retrieves for {@code query} in project shop and returns the retrieval id; the memory must be among the results. */
    @SuppressWarnings("unchecked")
    private static long retrieve(McpSyncClient client, String query, long memory) {
        Map<String, Object> result = ok(client, "retrieve_memories", Map.of("query", query, "project", "shop"));
        List<Map<String, Object>> memories = (List<Map<String, Object>>) result.get("memories");
        assertThat(memories).extracting(item -> ((Number) item.get("id")).longValue()).contains(memory);
        return ((Number) result.get("retrieval_id")).longValue();
    }

    private static Map<String, Object> recordUse(McpSyncClient client, long memory, long retrieval) {
        return ok(client, "record_use", Map.of("memory_id", memory, "retrieval_id", retrieval, "outcome", "helpful"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> promotion(Map<String, Object> use) {
        return (Map<String, Object>) use.get("promotion");
    }

    private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
    }

    private static Map<String, Object> ok(McpSyncClient client, String tool, Map<String, Object> arguments) {
        CallToolResult result = call(client, tool, arguments);
        if (Boolean.TRUE.equals(result.isError())) {
            throw new AssertionError(tool + " failed: " + ServerProcess.text(result));
        }
        return ServerProcess.structured(result);
    }

    private long query(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

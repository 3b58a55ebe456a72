package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promotes one pattern from three real server processes on one SQLite file at the same moment,
 * each sending several calls without waiting, by explicit promote calls and by auto-promotion on
 * record_use. Exactly one rule must result, and every other reply names that rule as already
 * promoted.
 */
@Tag("slow")
class ConcurrentPromotionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROTOCOL_VERSION = "2025-06-18";
    private static final int SERVERS = 3;
    private static final int CALLS_PER_SERVER = 4;
    private static final String PATTERN = "Cache compiled templates per class loader so that hot reload frees them.";

    @TempDir
    Path temp;

    private Path database;
    private Path project;
    private final List<RawSession> servers = new ArrayList<>();
    private final ExecutorService clients = Executors.newFixedThreadPool(SERVERS);

    @BeforeEach
    void createFolders() throws Exception {
        database = temp.resolve("shared").resolve("scms.db");
        project = Files.createDirectories(temp.resolve("project"));
    }

    @AfterEach
    void stopServers() throws Exception {
        clients.shutdownNow();
        for (RawSession server : servers) {
            server.close();
        }
    }

    @Test
    void promoteFromThreeServersCreatesOneRule() throws Exception {
        List<RawSession> sessions = startServers(Map.of());
        long patternId = remember(sessions.get(0));
        Map<String, Object> arguments = Map.of("memory_id", patternId, "project", "p-race", "force", true);

        List<JsonNode> results = runTogether(sessions, "promote", arguments);

        Set<Long> ruleIds = new HashSet<>();
        int created = 0;
        for (JsonNode result : results) {
            ruleIds.add(result.at("/structuredContent/id").asLong());
            created += result.at("/structuredContent/already_promoted").asBoolean() ? 0 : 1;
        }
        assertThat(results).hasSize(SERVERS * CALLS_PER_SERVER);
        assertThat(created).isEqualTo(1);
        assertThat(ruleIds).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM memories WHERE kind = 'rule'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM promotions")).isEqualTo(1);
    }

    @Test
    void autoPromotionFromThreeServersCreatesOneRule() throws Exception {
        List<RawSession> sessions = startServers(Map.of("SCMS_AUTO_PROMOTE", "true",
                "SCMS_PROMOTION_POLICY", "static"));
        long patternId = remember(sessions.get(0));

        List<JsonNode> results = runTogether(sessions, "record_use", Map.of("memory_id", patternId,
                "project", "p-race"));

        List<JsonNode> promotions = new ArrayList<>();
        for (JsonNode result : results) {
            JsonNode promoted = result.at("/structuredContent/promoted");
            if (!promoted.isMissingNode() && !promoted.path("already_promoted").asBoolean()) {
                promotions.add(result);
            }
        }
        assertThat(promotions).hasSize(1);
        JsonNode promoting = promotions.get(0).path("structuredContent");
        assertThat(promoting.path("helpful_count").asInt())
                .isGreaterThanOrEqualTo(promoting.at("/promotion/required_uses").asInt());
        assertThat(count("SELECT COUNT(*) FROM memories WHERE kind = 'rule'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM promotions")).isEqualTo(1);

        long ruleId = promoting.at("/promoted/id").asLong();
        JsonNode later = successful(sessions.get(1).requestLine(900, call(900, "record_use",
                Map.of("memory_id", patternId, "project", "p-race"))));
        assertThat(later.at("/structuredContent/rule_id").asLong()).isEqualTo(ruleId);
        assertThat(later.at("/content/0/text").asText()).contains("already rule " + ruleId)
                .doesNotContain("call promote");
    }

    private List<RawSession> startServers(Map<String, String> settings) throws Exception {
        List<RawSession> sessions = new ArrayList<>();
        for (int i = 0; i < SERVERS; i++) {
            Map<String, String> environment = new HashMap<>(settings);
            environment.put("SCMS_DB", database.toString());
            RawSession server = RawSession.start(temp.resolve("server-" + i), project, environment);
            servers.add(server);
            JsonNode reply = server.requestLine("init", RawSession.initialize("init", PROTOCOL_VERSION));
            assertThat(reply.has("result")).as("initialize reply %s", reply).isTrue();
            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            sessions.add(server);
        }
        return sessions;
    }

    private static long remember(RawSession server) throws Exception {
        JsonNode result = successful(server.requestLine(1, call(1, "remember", Map.of("text", PATTERN,
                "project", "p-race"))));
        return result.at("/structuredContent/id").asLong();
    }

    /**
     * Sends {@link #CALLS_PER_SERVER} calls of the tool to every server without waiting, all
     * servers at once, and returns every successful result.
     */
    private List<JsonNode> runTogether(List<RawSession> sessions, String tool, Map<String, Object> arguments)
            throws Exception {
        List<Future<Map<JsonNode, JsonNode>>> futures = new ArrayList<>();
        for (RawSession session : sessions) {
            Callable<Map<JsonNode, JsonNode>> client = () -> {
                List<Integer> ids = new ArrayList<>();
                for (int id = 100; id < 100 + CALLS_PER_SERVER; id++) {
                    session.send(call(id, tool, arguments));
                    ids.add(id);
                }
                return session.awaitReplies(ids);
            };
            futures.add(clients.submit(client));
        }
        List<JsonNode> results = new ArrayList<>();
        for (Future<Map<JsonNode, JsonNode>> future : futures) {
            for (JsonNode reply : future.get().values()) {
                results.add(successful(reply));
            }
        }
        return results;
    }

    private static String call(int id, String tool, Map<String, Object> arguments) throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", tool);
        params.put("arguments", arguments);
        return JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", "tools/call", "params", params));
    }

    private static JsonNode successful(JsonNode reply) {
        JsonNode result = reply.path("result");
        assertThat(result.isObject()).as("reply %s", reply).isTrue();
        assertThat(result.path("isError").asBoolean(false)).as("reply %s", reply).isFalse();
        return result;
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as("a row from %s", sql).isTrue();
            return rows.getLong(1);
        }
    }
}

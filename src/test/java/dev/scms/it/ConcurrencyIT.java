package dev.scms.it;

import static dev.scms.it.SharedDatabase.PROTOCOL_VERSION;
import static dev.scms.it.ToolCalls.call;
import static dev.scms.it.ToolCalls.successful;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs several real server processes on one SQLite file and checks what its locking must give
 * them. Every server starts, every acknowledged write is in the file afterwards, and counters
 * lose no update. A write that cannot get the lock fails with a busy result instead of
 * reporting success. Each server gets its own home folder for its logs, and SCMS_DB points all
 * of them at the same database. The requests of one server are sent at once, without waiting
 * for replies, so that its tool calls run concurrently inside it as well.
 */
@Tag("slow")
class ConcurrencyIT {

    private static final int WRITES_PER_SERVER = 500;

    @RegisterExtension
    final SharedDatabase shared = new SharedDatabase();

    @Test
    void sixServersStartOnNewDatabase() throws Exception {
        List<RawSession> servers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            servers.add(shared.start("server-" + i, Map.of()));
        }
        for (RawSession server : servers) {
            server.send(RawSession.initialize("init", PROTOCOL_VERSION));
        }

        for (RawSession server : servers) {
            JsonNode reply = server.awaitReplies(List.of("init")).values().iterator().next();
            assertThat(reply.at("/result/protocolVersion").asText()).isEqualTo(PROTOCOL_VERSION);
            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            server.send("{\"jsonrpc\":\"2.0\",\"id\":\"tools\",\"method\":\"tools/list\",\"params\":{}}");
        }
        for (RawSession server : servers) {
            JsonNode tools = server.awaitReplies(List.of("tools")).values().iterator().next();
            assertThat(tools.at("/result/tools").size()).isEqualTo(7);
        }
        assertThat(shared.count("SELECT COUNT(*) FROM memories")).isZero();
    }

    @Test
    void mixedWritesFromTwoServersCommit() throws Exception {
        RawSession first = shared.startInitialized("writer-a", Map.of());
        RawSession second = shared.startInitialized("writer-b", Map.of());
        long seed = seedMemory(first);

        List<Map<JsonNode, JsonNode>> replies = shared.runTogether(List.of(first, second), List.of(
                mixedWrites("a", seed), mixedWrites("b", seed)));

        Map<String, Long> acknowledged = new LinkedHashMap<>();
        long failuresStored = 0;
        for (Map<JsonNode, JsonNode> serverReplies : replies) {
            for (Map.Entry<JsonNode, JsonNode> reply : serverReplies.entrySet()) {
                JsonNode result = successful(reply.getValue());
                String tool = mixedWriteTool(reply.getKey().asInt());
                acknowledged.merge(tool, 1L, Long::sum);
                if (tool.equals("remember")) {
                    assertThat(result.at("/structuredContent/status").asText()).as("reply %s", reply)
                            .isEqualTo("stored");
                }
                if (tool.equals("log_failure") && result.at("/structuredContent/status").asText().equals("stored")) {
                    failuresStored++;
                }
            }
        }

        assertThat(acknowledged.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2 * WRITES_PER_SERVER);
        assertThat(shared.count("SELECT COUNT(*) FROM memories WHERE kind = 'pattern'"))
                .isEqualTo(1 + acknowledged.get("remember"));
        assertThat(shared.count("SELECT COUNT(*) FROM uses")).isEqualTo(acknowledged.get("record_use"));
        assertThat(shared.count("SELECT helpful_count FROM memories WHERE id = " + seed))
                .isEqualTo(acknowledged.get("record_use"));
        // The failure texts differ only in their labels, so most reach the cosine duplicate threshold and
        // are re-discovered: each such reply must have raised the occurrences of a stored failure by one.
        assertThat(shared.count("SELECT COUNT(*) FROM memories WHERE kind = 'bug_pattern'")).isEqualTo(failuresStored);
        assertThat(shared.count("SELECT SUM(occurrences) FROM memories WHERE kind = 'bug_pattern'"))
                .isEqualTo(acknowledged.get("log_failure"));
    }

    @Test
    void concurrentUsesLoseNoUpdate() throws Exception {
        RawSession first = shared.startInitialized("user-a", Map.of());
        RawSession second = shared.startInitialized("user-b", Map.of());
        long seed = seedMemory(first);
        List<String> uses = new ArrayList<>();
        for (int i = 1; i <= WRITES_PER_SERVER; i++) {
            uses.add(call(i, "record_use", Map.of("memory_id", seed)));
        }

        List<Map<JsonNode, JsonNode>> replies = shared.runTogether(List.of(first, second), List.of(uses, uses));

        Set<Integer> reportedCounts = new HashSet<>();
        for (Map<JsonNode, JsonNode> serverReplies : replies) {
            for (JsonNode reply : serverReplies.values()) {
                reportedCounts.add(successful(reply).at("/structuredContent/helpful_count").asInt());
            }
        }
        assertThat(reportedCounts).as("each use saw a count no other use saw").hasSize(2 * WRITES_PER_SERVER);
        assertThat(reportedCounts).allMatch(value -> value >= 1 && value <= 2 * WRITES_PER_SERVER);
        assertThat(shared.count("SELECT helpful_count FROM memories WHERE id = " + seed)).isEqualTo(2 * WRITES_PER_SERVER);
        assertThat(shared.count("SELECT COUNT(*) FROM uses WHERE memory_id = " + seed)).isEqualTo(2 * WRITES_PER_SERVER);
    }

    @Test
    void heldWriteLockGivesBusyResult() throws Exception {
        RawSession server = shared.startInitialized("busy", Map.of("SCMS_BUSY_TIMEOUT_MS", "300"));
        long seed = seedMemory(server);
        String lesson = "Retry a write that failed with SQLITE_BUSY after the other writer commits.";

        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + shared.database());
                Statement statement = holder.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            long started = System.nanoTime();
            JsonNode busyWrite = server.requestLine(2, call(2, "remember", Map.of("text", lesson)));
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            JsonNode busyUse = server.requestLine(3, call(3, "record_use", Map.of("memory_id", seed)));
            JsonNode unlogged = server.requestLine(5, call(5, "retrieve_memories", Map.of("query",
                    "SQLite connection busy timeout")));
            statement.execute("ROLLBACK");

            assertBusy(busyWrite);
            assertBusy(busyUse);
            JsonNode retrieved = successful(unlogged);
            assertThat(retrieved.at("/structuredContent/memories").size()).as("reply %s", unlogged).isEqualTo(1);
            assertThat(retrieved.path("structuredContent").has("retrieval_id")).as("reply %s", unlogged).isFalse();
            assertThat(waitedMillis).as("the write waited for the busy timeout").isGreaterThanOrEqualTo(290);
        }
        assertThat(shared.count("SELECT COUNT(*) FROM memories WHERE body = ?", lesson)).isZero();
        assertThat(shared.count("SELECT helpful_count FROM memories WHERE id = " + seed)).isZero();

        JsonNode retried = successful(server.requestLine(4, call(4, "remember", Map.of("text", lesson))));
        assertThat(retried.at("/structuredContent/status").asText()).isEqualTo("stored");
        assertThat(shared.count("SELECT COUNT(*) FROM memories WHERE body = ?", lesson)).isEqualTo(1);
    }

    /** Stores the memory that the uses of a test count against and returns its id. */
    private static long seedMemory(RawSession server) throws Exception {
        JsonNode reply = server.requestLine(0, call(0, "remember", Map.of("text",
                "Open every SQLite connection with WAL and a busy timeout so that writers wait for each other.")));
        return successful(reply).at("/structuredContent/id").asLong();
    }

    /** Returns one server's requests: remember, record_use and log_failure in turn, with texts unique to it. */
    private static List<String> mixedWrites(String server, long seed) throws Exception {
        List<String> requests = new ArrayList<>();
        for (int i = 1; i <= WRITES_PER_SERVER; i++) {
            String label = "server " + server + " number " + i;
            String tool = mixedWriteTool(i);
            requests.add(switch (tool) {
                case "remember" -> call(i, tool, Map.of("text", "Lesson " + label + ": keep write transactions short."));
                case "record_use" -> call(i, tool, Map.of("memory_id", seed, "note", "use " + label));
                default -> call(i, tool, Map.of("kind", "bug_pattern", "title", "Failure " + label,
                        "symptom", "Error " + label + " in the job queue", "fix", "Fix " + label));
            });
        }
        return requests;
    }

    /** Returns the tool of the mixed write with request id {@code id}: the three tools take turns. */
    private static String mixedWriteTool(int id) {
        return switch (id % 3) {
            case 0 -> "remember";
            case 1 -> "record_use";
            default -> "log_failure";
        };
    }

    private static void assertBusy(JsonNode reply) {
        JsonNode result = reply.path("result");
        assertThat(result.path("isError").asBoolean()).as("reply %s", reply).isTrue();
        assertThat(result.at("/structuredContent/error").asText()).isEqualTo("busy");
        assertThat(result.at("/content/0/text").asText()).contains("is busy").contains("300 ms").contains("try again");
    }
}

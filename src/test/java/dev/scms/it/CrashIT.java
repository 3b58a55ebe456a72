package dev.scms.it;

import static dev.scms.it.ToolCalls.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kills real server processes with SIGKILL in the middle of a burst of writes and checks that
 * every write the server acknowledged is in the SQLite file afterwards and that the file passes
 * {@code PRAGMA integrity_check}. A write is acknowledged when its reply reached stdout with
 * {@code isError} false, even if the test read that reply only after the kill. The requests are
 * sent at once without waiting, so that several calls are in flight inside the server when it
 * dies. The CLI opens the file first, as the product does, so it runs SQLite's recovery of the
 * WAL left behind.
 */
@Tag("slow")
class CrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KILL_ROUNDS = 3;
    private static final int BURST = 200;
    /** Replies awaited before the kill, so the kill lands while the rest of the burst is in flight. */
    private static final int KILL_AFTER = 25;

    @RegisterExtension
    final SharedDatabase shared = new SharedDatabase();

    @Test
    void killDuringRemembersKeepsAcknowledged() throws Exception {
        Map<Long, String> acknowledged = new HashMap<>();
        int sent = 0;

        for (int round = 1; round <= KILL_ROUNDS; round++) {
            RawSession server = shared.startInitialized("round-" + round, Map.of());
            Map<Integer, String> texts = new HashMap<>();
            for (int i = 1; i <= BURST; i++) {
                String text = "Crash round " + round + " lesson " + i + ": commit each memory in its own transaction.";
                texts.put(i, text);
                server.send(call(i, "remember", Map.of("text", text)));
            }
            sent += BURST;
            server.awaitReplies(ids(KILL_AFTER));
            int before = acknowledged.size();

            for (JsonNode reply : acknowledgedReplies(server.kill())) {
                JsonNode result = reply.get("result");
                assertThat(result.at("/structuredContent/status").asText()).as("reply %s", reply).isEqualTo("stored");
                acknowledged.put(result.at("/structuredContent/id").asLong(), texts.get(reply.get("id").asInt()));
            }

            assertThat(acknowledged.size() - before).as("round %s acknowledged, so the kill landed mid-burst", round)
                    .isBetween(KILL_AFTER, BURST - 1);
            Map<Long, String> stored = storedTexts();
            assertThat(stored).containsAllEntriesOf(acknowledged);
            assertThat(stored.size()).as("memories stored after round %s", round).isLessThanOrEqualTo(sent);
            assertThat(integrityCheck()).isEqualTo("ok");
        }
    }

    @Test
    void killDuringConcurrentUsesKeepsCounts() throws Exception {
        RawSession killed = shared.startInitialized("killed", Map.of());
        RawSession survivor = shared.startInitialized("survivor", Map.of());
        long seed = seedMemory(survivor);
        for (int i = 1; i <= BURST; i++) {
            String use = call(i, "record_use", Map.of("memory_id", seed, "note", "use " + i));
            killed.send(use);
            survivor.send(use);
        }

        killed.awaitReplies(ids(KILL_AFTER));
        List<JsonNode> killedReplies = acknowledgedReplies(killed.kill());
        Map<JsonNode, JsonNode> survivorReplies = survivor.awaitReplies(ids(BURST));

        for (JsonNode reply : survivorReplies.values()) {
            assertThat(reply.at("/result/isError").asBoolean(false)).as("reply %s", reply).isFalse();
        }
        assertThat(killedReplies.size()).as("the kill landed mid-burst").isBetween(KILL_AFTER, BURST - 1);
        int acknowledged = killedReplies.size() + BURST;
        int highestReported = 0;
        for (JsonNode reply : killedReplies) {
            highestReported = Math.max(highestReported, reply.at("/result/structuredContent/helpful_count").asInt());
        }
        long helpfulCount = helpfulCount(seed);
        assertThat(helpfulCount).isBetween((long) acknowledged, 2L * BURST);
        assertThat(helpfulCount).isGreaterThanOrEqualTo(highestReported);
        assertThat(shared.text("SELECT COUNT(*) FROM uses WHERE memory_id = " + seed))
                .as("each counted use has its row").isEqualTo(String.valueOf(helpfulCount));
        assertThat(integrityCheck()).isEqualTo("ok");

        JsonNode after = survivor.requestLine(BURST + 1, call(BURST + 1, "record_use", Map.of("memory_id", seed)));
        assertThat(after.at("/result/structuredContent/helpful_count").asLong()).isEqualTo(helpfulCount + 1);
    }

    private static long seedMemory(RawSession server) throws Exception {
        JsonNode reply = server.requestLine(0, call(0, "remember", Map.of("text",
                "Record a use of a memory in the same transaction that raises its helpful count.")));
        return reply.at("/result/structuredContent/id").asLong();
    }

    /** Returns the successful tool replies among {@code messages}, which are the writes the server acknowledged. */
    private static List<JsonNode> acknowledgedReplies(List<JsonNode> messages) {
        List<JsonNode> acknowledged = new ArrayList<>();
        for (JsonNode message : messages) {
            boolean toolReply = message.path("id").isInt() && message.get("id").asInt() > 0;
            if (toolReply && message.has("result") && !message.at("/result/isError").asBoolean(false)) {
                acknowledged.add(message);
            }
        }
        return acknowledged;
    }

    private static List<Integer> ids(int count) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(i);
        }
        return ids;
    }

    /**
     * Returns the text of every memory, keyed by id. The ids are those {@code scms list} prints, so
     * the CLI opens the file first, and the texts are read from the file with SQL.
     */
    private Map<Long, String> storedTexts() throws Exception {
        JsonNode listed = JSON.readTree(cli("list", "--status", "all", "--limit", "100000", "--json"));
        Map<Long, String> bodies = new HashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + shared.database());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, body FROM memories")) {
            while (rows.next()) {
                bodies.put(rows.getLong(1), rows.getString(2));
            }
        }
        Map<Long, String> texts = new HashMap<>();
        for (JsonNode memory : listed) {
            long id = memory.get("id").asLong();
            texts.put(id, bodies.get(id));
        }
        return texts;
    }

    private long helpfulCount(long id) throws Exception {
        return JSON.readTree(cli("show", Long.toString(id), "--json")).get("helpful_count").asLong();
    }

    /** Runs one CLI command on the shared database and returns its stdout. Fails unless it exits with 0. */
    private String cli(String... args) throws Exception {
        CliRun run = CliRun.run(shared.folder(), shared.project(), shared.database(), args);
        assertThat(run.exitCode()).as("scms %s: %s", String.join(" ", args), run.stderr()).isZero();
        return run.stdout();
    }

    private String integrityCheck() throws SQLException {
        return shared.text("PRAGMA integrity_check");
    }
}

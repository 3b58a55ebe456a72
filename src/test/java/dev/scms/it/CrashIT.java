package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    private static final String PROTOCOL_VERSION = "2025-06-18";
    private static final int KILL_ROUNDS = 3;
    private static final int BURST = 200;
    /** Replies awaited before the kill, so the kill lands while the rest of the burst is in flight. */
    private static final int KILL_AFTER = 25;

    @TempDir
    Path temp;

    private Path database;
    private Path project;
    private final List<RawSession> servers = new ArrayList<>();

    @BeforeEach
    void createFolders() throws Exception {
        database = temp.resolve("shared").resolve("scms.db");
        project = Files.createDirectories(temp.resolve("project"));
    }

    @AfterEach
    void stopServers() throws Exception {
        for (RawSession server : servers) {
            server.close();
        }
    }

    @Test
    void killDuringRemembersKeepsAcknowledged() throws Exception {
        Map<Long, String> acknowledged = new HashMap<>();
        int sent = 0;

        for (int round = 1; round <= KILL_ROUNDS; round++) {
            RawSession server = startInitialized("round-" + round);
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
        RawSession killed = startInitialized("killed");
        RawSession survivor = startInitialized("survivor");
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
        assertThat(query("SELECT COUNT(*) FROM uses WHERE memory_id = " + seed))
                .as("each counted use has its row").isEqualTo(String.valueOf(helpfulCount));
        assertThat(integrityCheck()).isEqualTo("ok");

        JsonNode after = survivor.requestLine(BURST + 1, call(BURST + 1, "record_use", Map.of("memory_id", seed)));
        assertThat(after.at("/result/structuredContent/helpful_count").asLong()).isEqualTo(helpfulCount + 1);
    }

    private RawSession startInitialized(String name) throws Exception {
        RawSession server = RawSession.start(temp.resolve(name), project, Map.of("SCMS_DB", database.toString()));
        servers.add(server);
        JsonNode reply = server.requestLine("init", RawSession.initialize("init", PROTOCOL_VERSION));
        assertThat(reply.has("result")).as("initialize reply %s", reply).isTrue();
        server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return server;
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

    private static String call(int id, String tool, Map<String, Object> arguments) throws Exception {
        Map<String, Object> params = Map.of("name", tool, "arguments", arguments);
        return JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", "tools/call", "params", params));
    }

    /**
     * Returns the text of every memory, keyed by id. The ids are those {@code scms list} prints, so
     * the CLI opens the file first, and the texts are read from the file with SQL.
     */
    private Map<Long, String> storedTexts() throws Exception {
        JsonNode listed = JSON.readTree(cli("list", "--status", "all", "--limit", "100000", "--json"));
        Map<Long, String> bodies = new HashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
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
        List<String> command = new ArrayList<>(List.of("java", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-XX:+UseSerialGC", "-jar", ServerProcess.jar().toString()));
        command.addAll(List.of(args));
        Path home = Files.createDirectories(temp.resolve("cli"));
        Path stderr = Files.createTempFile(temp, "stderr", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectError(stderr.toFile());
        builder.environment().put("SCMS_HOME", home.toString());
        builder.environment().put("SCMS_DB", database.toString());
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("scms %s: %s", String.join(" ", args), Files.readString(stderr)).isZero();
        return stdout;
    }

    private String integrityCheck() throws SQLException {
        return query("PRAGMA integrity_check");
    }

    /** Runs a query that returns one value, on a connection of its own, and returns it as text. */
    private String query(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as("a row from %s", sql).isTrue();
            return rows.getString(1);
        }
    }
}

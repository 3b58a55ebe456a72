package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends retrieve_memories of the real server queries full of FTS5 syntax and SQL. None may give an
 * error, and a query that names a stored lesson in words still finds it first. The database keeps
 * every row afterwards.
 */
class OddQueriesIT {

    private static final String DEADLOCK = "Deadlock in OrderService when two threads lock accounts in opposite order;"
            + " always lock the lower account id first.";

    /** Queries that contain the words of the deadlock lesson between syntax of their own. */
    private static final List<String> WORDY = List.of(
            "\"deadlock OrderService", "deadlock* OrderService*", "NEAR(deadlock OrderService", "NEAR(deadlock, 2)",
            "deadlock AND OR NOT OrderService", "title:deadlock body:OrderService", "^deadlock ^OrderService",
            "((deadlock OrderService", "deadlock OrderService))", "{title body}: deadlock", "deadlock - -OrderService",
            "'; DROP TABLE memories; -- deadlock OrderService", "deadlock\" OR 1=1 --");

    /** Queries without a word that full-text search could use. */
    private static final List<String> WORDLESS = List.of(
            "\"", "*", "NEAR(", "AND OR NOT", "col:", "^", "(((", ")", "!@#$%^&*()", "--", "'", "\"\"\"\"");

    @TempDir
    Path temp;

    @Test
    void oddQueriesNeverFailAndStillFindWords() throws Exception {
        Path home = temp.resolve("home");
        try (RawSession server = RawSession.start(home, Files.createDirectories(temp.resolve("work")))) {
            assertThat(server.requestLine(0, RawSession.initialize(0, "2025-06-18")).has("result")).isTrue();
            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            long deadlock = ok(server, 1, Map.of("text", DEADLOCK), "remember").at("/structuredContent/id").asLong();
            ok(server, 2, Map.of("text", "Pin the Gradle wrapper version in CI."), "remember");
            ok(server, 3, Map.of("text", "Escape user input before building HTML."), "remember");

            int id = 10;
            for (String query : WORDY) {
                JsonNode result = ok(server, id++, Map.of("query", query), "retrieve_memories");
                assertThat(result.at("/structuredContent/memories/0/id").asLong()).as(query).isEqualTo(deadlock);
            }
            for (String query : WORDLESS) {
                JsonNode result = ok(server, id++, Map.of("query", query), "retrieve_memories");
                assertThat(result.at("/structuredContent/memories").isArray()).as(query).isTrue();
            }
        }

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("scms.db"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM memories")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(3);
        }
    }

    private static JsonNode ok(RawSession server, int id, Map<String, Object> arguments, String tool)
            throws Exception {
        JsonNode reply = server.requestLine(id, ToolCalls.call(id, tool, arguments));
        JsonNode result = reply.path("result");
        assertThat(result.path("isError").asBoolean()).as("%s %s: %s", tool, arguments, reply).isFalse();
        return result;
    }
}

package dev.scms.it;

import static dev.scms.it.McpServerIT.ids;
import static dev.scms.it.McpServerIT.map;
import static dev.scms.it.McpServerIT.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.store.postgres.PostgresExtension;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import dev.scms.store.postgres.PostgresUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real server processes, as two members of a team, share one PostgreSQL store through a
 * real MCP client each: what one remembers the other retrieves, and their uses add up.
 */
@ExtendWith(PostgresExtension.class)
class PostgresMcpIT {

    @TempDir
    Path temp;

    @Test
    void twoServersShareMemoriesAndUses() throws Exception {
        PostgresUrl url = PostgresExtension.database();
        Path project = Files.createDirectories(temp.resolve("shop-api"));
        Map<String, String> ann = Map.of("SCMS_STORE_URL", url.display(), "SCMS_USER", "ann",
                "SCMS_PROMOTION_POLICY", "static");
        Map<String, String> bob = Map.of("SCMS_STORE_URL", url.display(), "SCMS_USER", "bob",
                "SCMS_PROMOTION_POLICY", "static");
        try (ServerProcess first = ServerProcess.start(temp.resolve("ann-home"), project, ann);
                ServerProcess second = ServerProcess.start(temp.resolve("bob-home"), project, bob)) {
            first.client().initialize();
            second.client().initialize();

            Map<String, Object> stored = first.ok("remember", Map.of(
                    "text", "Set busy_timeout and WAL mode on every SQLite connection; without them concurrent "
                            + "writers fail with SQLITE_BUSY: database is locked.",
                    "domain", "sqlite", "tags", List.of("sqlite", "locking")));
            assertThat(stored).containsEntry("status", "stored");
            long id = number(stored.get("id"));

            Map<String, Object> retrieved = second.ok("retrieve_memories", Map.of(
                    "query", "two processes writing the same sqlite file get database is locked"));
            assertThat(ids(retrieved, "memories")).contains(id);
            second.ok("record_use", Map.of("memory_id", id, "retrieval_id", retrieved.get("retrieval_id"),
                    "outcome", "helpful"));

            Map<String, Object> again = first.ok("retrieve_memories", Map.of(
                    "query", "sqlite busy error from a background job"));
            Map<String, Object> used = first.ok("record_use", Map.of("memory_id", id,
                    "retrieval_id", again.get("retrieval_id"), "outcome", "helpful"));
            assertThat(used).containsEntry("helpful_count", 2);

            Map<String, Object> duplicate = second.ok("remember", Map.of(
                    "text", "Set busy_timeout and WAL mode on every SQLite connection; without them concurrent "
                            + "writers fail with SQLITE_BUSY: database is locked.",
                    "domain", "sqlite"));
            assertThat(number(duplicate.get("id"))).isEqualTo(id);

            Map<String, Object> stats = second.ok("memory_stats", Map.of());
            assertThat(stats.toString()).contains(url.display());
            assertThat(map(stats.get("by_kind"))).containsEntry("pattern", 1);

            CallToolResult nulText = first.call("remember", Map.of("text", "database\u0000is locked"));
            assertThat(nulText.isError()).isTrue();
            assertThat(ServerProcess.structured(nulText)).containsEntry("error", "invalid_argument");
            assertThat(ServerProcess.text(nulText)).contains("'text'", "remove the NUL character");
            CallToolResult nulNote = first.call("record_use", Map.of("memory_id", id, "note", "ok\u0000"));
            assertThat(ServerProcess.structured(nulNote)).containsEntry("error", "invalid_argument");
            assertThat(ServerProcess.text(nulNote)).contains("'note'", "remove the NUL character");
        }
    }
}

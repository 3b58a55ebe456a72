package dev.scms.it;

import static dev.scms.it.ToolCalls.call;
import static dev.scms.it.ToolCalls.successful;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sends the same writes to two real server processes on one SQLite file at the same moment. Each
 * server sends each write several times, as a retrying client would. Each text must be stored
 * once, and every reply must name that one memory. A retrieval must list no id twice.
 */
@Tag("slow")
class DuplicateWritesIT {

    private static final int SENDS_PER_SERVER = 3;

    private static final List<String> LESSONS = List.of(
            "Open every SQLite connection with WAL and a busy timeout so that writers wait for each other.",
            "Pin the Gradle wrapper version in CI so that builds do not change under you.",
            "Close ONNX sessions explicitly because the native memory is not freed by the garbage collector.",
            "Quote user input in FTS5 MATCH expressions, or a stray double quote becomes a syntax error.",
            "Set the JVM file encoding to UTF-8 on Windows, where the default code page mangles accents.",
            "Use a bounded queue between the reader thread and the workers so that memory stays flat.");

    private static final List<Map<String, Object>> FAILURES = List.of(
            Map.of("kind", "bug_pattern", "title", "Docker build cache ignores changed lockfile",
                    "symptom", "npm ci installs stale packages inside the image",
                    "fix", "copy package-lock.json before npm ci so the layer is rebuilt"),
            Map.of("kind", "anti_pattern", "title", "Catching InterruptedException without restoring the flag",
                    "symptom", "executor threads never stop on shutdown",
                    "fix", "call Thread.currentThread().interrupt() in the catch block"),
            Map.of("kind", "failed_approach", "title", "Raising the Kubernetes liveness timeout to hide slow start",
                    "symptom", "pods still restart in a loop under load",
                    "fix", "add a startup probe instead"));

    @RegisterExtension
    final SharedDatabase shared = new SharedDatabase();

    @Test
    void sameWritesFromTwoServersStoreOnce() throws Exception {
        RawSession first = shared.startInitialized("writer-a", Map.of());
        RawSession second = shared.startInitialized("writer-b", Map.of());
        List<String> requests = repeatedWrites();

        List<Map<JsonNode, JsonNode>> replies = shared.runTogether(List.of(first, second), List.of(requests, requests));

        Map<String, Set<Long>> idsByText = new HashMap<>();
        for (Map<JsonNode, JsonNode> serverReplies : replies) {
            assertThat(serverReplies).hasSize(requests.size());
            for (Map.Entry<JsonNode, JsonNode> reply : serverReplies.entrySet()) {
                JsonNode result = successful(reply.getValue());
                String text = textOf(reply.getKey().asInt());
                idsByText.computeIfAbsent(text, key -> new HashSet<>()).add(result.at("/structuredContent/id").asLong());
            }
        }
        assertThat(idsByText).hasSize(LESSONS.size() + FAILURES.size());
        idsByText.forEach((text, ids) -> assertThat(ids).as("ids returned for %s", text).hasSize(1));
        for (String lesson : LESSONS) {
            assertThat(shared.count("SELECT COUNT(*) FROM memories WHERE body = ?", lesson)).as(lesson).isEqualTo(1);
        }
        for (Map<String, Object> failure : FAILURES) {
            String title = (String) failure.get("title");
            assertThat(shared.count("SELECT COUNT(*) FROM memories WHERE title = ?", title)).as(title).isEqualTo(1);
            assertThat(shared.count("SELECT occurrences FROM memories WHERE title = ?", title)).as(title)
                    .isEqualTo(2 * SENDS_PER_SERVER);
        }
        assertThat(shared.count("SELECT COUNT(*) FROM memories")).isEqualTo(LESSONS.size() + FAILURES.size());
    }

    @Test
    void retrievalListsEachIdOnce() throws Exception {
        RawSession server = shared.startInitialized("reader", Map.of());
        String rule = "Use busy_timeout on SQLite connections of this project.";
        successful(server.requestLine(1, call(1, "remember", Map.of("text", rule, "kind", "rule"))));
        int id = 2;
        for (String lesson : LESSONS) {
            successful(server.requestLine(id, call(id, "remember", Map.of("text", lesson))));
            id++;
        }

        // The query shares words and meaning with the rule and the first lesson, so both match by BM25 and by vector.
        JsonNode result = successful(server.requestLine(id, call(id, "retrieve_memories", Map.of(
                "query", "SQLite busy timeout on every connection", "k", 10))));

        List<Long> ids = new ArrayList<>();
        result.at("/structuredContent/rules").forEach(memory -> ids.add(memory.get("id").asLong()));
        result.at("/structuredContent/memories").forEach(memory -> ids.add(memory.get("id").asLong()));
        assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
    }

    /** Returns each write {@link #SENDS_PER_SERVER} times in turn. Request id i writes {@link #textOf}(i). */
    private static List<String> repeatedWrites() throws Exception {
        List<String> requests = new ArrayList<>();
        int writes = LESSONS.size() + FAILURES.size();
        for (int i = 1; i <= SENDS_PER_SERVER * writes; i++) {
            int index = (i - 1) % writes;
            if (index < LESSONS.size()) {
                requests.add(call(i, "remember", Map.of("text", LESSONS.get(index))));
            } else {
                requests.add(call(i, "log_failure", FAILURES.get(index - LESSONS.size())));
            }
        }
        return requests;
    }

    private static String textOf(int requestId) {
        int index = (requestId - 1) % (LESSONS.size() + FAILURES.size());
        return index < LESSONS.size() ? LESSONS.get(index) : (String) FAILURES.get(index - LESSONS.size()).get("title");
    }
}

package dev.scms.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Imports a JSON-lines lesson set with the real {@code scms import} command, then sends every
 * query of a query file through {@code retrieve_memories} on the real server and measures at
 * which rank the first relevant memory comes back.
 */
final class RetrievalQuality {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Hit@1, Hit@3 and mean reciprocal rank over the queries, with the queries that missed the top 3. */
    record Result(int queries, double hitAt1, double hitAt3, double mrr, List<String> missedTop3) {
    }

    static void importFile(Path home, Path memories) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("java", "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar",
                ServerProcess.jar().toString(), "import", memories.toAbsolutePath().toString())
                .redirectErrorStream(true);
        builder.environment().put("SCMS_HOME", home.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError("scms import failed: " + output);
        }
    }

    static Result measure(ServerProcess server, Path queries, int k) throws IOException {
        int hit1 = 0;
        int hit3 = 0;
        double reciprocal = 0.0;
        List<String> missed = new ArrayList<>();
        List<JsonNode> lines = readLines(queries);
        for (JsonNode query : lines) {
            List<String> relevant = new ArrayList<>();
            query.get("relevant").forEach(id -> relevant.add(id.asText()));
            Map<String, Object> result = server.ok("retrieve_memories", Map.of("query", query.get("text").asText(),
                    "k", k, "project", "evaluation"));
            int rank = rankOfFirst(result, relevant);
            hit1 += rank == 1 ? 1 : 0;
            hit3 += rank >= 1 && rank <= 3 ? 1 : 0;
            reciprocal += rank >= 1 ? 1.0 / rank : 0.0;
            if (rank < 1 || rank > 3) {
                missed.add(query.get("id").asText() + " (rank " + rank + ")");
            }
        }
        int n = lines.size();
        return new Result(n, (double) hit1 / n, (double) hit3 / n, reciprocal / n, missed);
    }

    private static int rankOfFirst(Map<String, Object> result, List<String> relevant) {
        int rank = 0;
        for (Object item : (Collection<?>) result.get("memories")) {
            rank++;
            Object externalId = McpServerIT.map(item).get("external_id");
            if (externalId != null && relevant.contains(externalId.toString())) {
                return rank;
            }
        }
        return -1;
    }

    private static List<JsonNode> readLines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    static Map<String, String> environment() {
        return new HashMap<>(Map.of("SCMS_MODEL_WAIT_MS", "60000"));
    }
}

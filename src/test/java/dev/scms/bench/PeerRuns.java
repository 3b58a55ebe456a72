package dev.scms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scms.bench.BenchQueries.Query;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs of the reference memory server ({@code @modelcontextprotocol/server-memory}) on the same
 * memories: each memory becomes an entity (name = memory id, entityType = kind, observations =
 * title and text), loaded with {@code create_entities}, and each query goes to
 * {@code search_nodes}, which returns the entities whose name, type or an observation contains
 * the query as a case-insensitive substring.
 */
final class PeerRuns {

    private static final int BATCH = 500;

    private final Path main;

    PeerRuns(Path main) {
        this.main = main;
    }

    /** One query form's latency of each query, whether the result held a relevant memory, and its size. */
    record Form(List<Double> latencies, List<Boolean> hits, List<Integer> resultSizes) {
    }

    /** One run: the start, resident memory, and the full-text and keyword forms of the queries. */
    record Run(double initialize, long residentKilobytes, Form full, Form keyword) {
    }

    /** Creates the entities of {@code memories} in a new memory file and returns the time it took in ms. */
    double load(Path memoryFile, List<JsonNode> memories) {
        try (StdioServer server = launch(memoryFile)) {
            long start = System.nanoTime();
            for (int from = 0; from < memories.size(); from += BATCH) {
                List<Map<String, Object>> entities = new ArrayList<>();
                for (JsonNode memory : memories.subList(from, Math.min(memories.size(), from + BATCH))) {
                    entities.add(Map.of("name", memory.get("id").asText(), "entityType", memory.get("kind").asText(),
                            "observations", List.of(memory.path("title").asText(""), memory.get("text").asText())));
                }
                CallToolResult result = server.call("create_entities", Map.of("entities", entities));
                if (Boolean.TRUE.equals(result.isError())) {
                    throw new IllegalStateException("create_entities failed: " + result.content());
                }
            }
            return StdioServer.millisSince(start);
        }
    }

    /** Starts the server on the loaded file and runs the warm-up, then each query in full and as its keyword. */
    Run run(Path memoryFile, List<String> warmUp, List<Query> queries, List<Optional<String>> keywords)
            throws IOException {
        try (StdioServer server = launch(memoryFile)) {
            for (String query : warmUp) {
                search(server, query);
            }
            Form full = form(server, queries, queries.stream().map(query -> Optional.of(query.text())).toList());
            Form keyword = form(server, queries, keywords);
            return new Run(server.initializeMillis(), server.residentKilobytes(), full, keyword);
        }
    }

    private static Form form(StdioServer server, List<Query> queries, List<Optional<String>> texts) {
        List<Double> latencies = new ArrayList<>();
        List<Boolean> hits = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            if (texts.get(i).isEmpty()) {
                // No word of the query occurs in any memory, so the keyword search cannot find one.
                hits.add(false);
                sizes.add(0);
                continue;
            }
            long before = System.nanoTime();
            Set<String> names = search(server, texts.get(i).get());
            latencies.add(StdioServer.millisSince(before));
            hits.add(names.stream().anyMatch(queries.get(i).relevant()::contains));
            sizes.add(names.size());
        }
        return new Form(latencies, hits, sizes);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> search(StdioServer server, String query) {
        CallToolResult result = server.call("search_nodes", Map.of("query", query));
        if (Boolean.TRUE.equals(result.isError())) {
            throw new IllegalStateException("search_nodes failed: " + result.content());
        }
        Map<String, Object> graph = (Map<String, Object>) result.structuredContent();
        Set<String> names = new HashSet<>();
        for (Map<String, Object> entity : (List<Map<String, Object>>) graph.get("entities")) {
            names.add(String.valueOf(entity.get("name")));
        }
        return names;
    }

    private StdioServer launch(Path memoryFile) {
        if (!Files.isRegularFile(main)) {
            throw new IllegalStateException("reference server " + main + " not found; scripts/bench installs it");
        }
        return StdioServer.start(List.of("node", main.toString()), Map.of("MEMORY_FILE_PATH", memoryFile.toString()),
                main.toString());
    }
}

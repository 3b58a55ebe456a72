package dev.scms.bench;

import dev.scms.bench.BenchQueries.Query;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs of the SCMS server over stdio: each run starts {@code scripts/scms serve} on a fresh copy
 * of a cached database (retrievals write to the retrieval log, so runs never share a file),
 * measures the start, then the round trip of {@code retrieve_memories} over the timed queries.
 * The round trips are timed twice, in servers of their own: from the MCP Java SDK's client, and
 * from {@link LineClient}, which leaves out the SDK client's own work.
 */
final class ScmsRuns {

    /** Query of the first retrieval after a start; it is no timed query. */
    static final String FIRST_QUERY = "sqlite database is locked by another process";
    /** Pings after the timed queries, for the floor of a round trip through each client. */
    static final int PINGS = 100;
    /** Upper bound on the wait for the model, after which a run reports no hybrid result. */
    private static final double MODEL_WAIT_MILLIS = 180_000;

    private final Path launcher;

    ScmsRuns(Path launcher) {
        this.launcher = launcher;
    }

    /** Times of one start, in milliseconds after the process start. */
    record Start(double initialize, double firstResult, double firstHybrid) {
    }

    /**
     * One run's start, the latency of each timed query and ping through the SDK client and through
     * the line client, and the ranks of the relevant memories (SDK client).
     */
    record Run(Start start, List<Double> latencies, List<Double> pings, List<Integer> originalRanks,
            int lexicalResults, int errors, long residentKilobytes, LineRun line) {
    }

    /** The latency of each timed query and ping through {@link LineClient}, and the failed calls. */
    record LineRun(List<Double> latencies, List<Double> pings, int errors) {
    }

    /** Starts the server on a copy of {@code database} and measures the start only. */
    Start start(Path database) throws IOException, InterruptedException {
        Path home = copy(database);
        try (StdioServer server = launch(home)) {
            return firstRetrievals(server);
        } finally {
            delete(home);
        }
    }

    /**
     * Starts the server on a copy of {@code database}, warms it up, and times {@code queries} through
     * one client, then does the same in a second server through the other client. {@code run}
     * counts from 1: odd runs start with the line client and even runs with the SDK client, so
     * neither client always runs second.
     */
    Run run(Path database, List<String> warmUp, List<Query> queries, int originals, int run)
            throws IOException, InterruptedException {
        if (run % 2 == 1) {
            LineRun line = lineRun(database, warmUp, queries);
            return sdkRun(database, warmUp, queries, originals).with(line);
        }
        SdkRun sdk = sdkRun(database, warmUp, queries, originals);
        return sdk.with(lineRun(database, warmUp, queries));
    }

    /** The figures of a run through the SDK client, to which {@link #with} adds the line client's. */
    private record SdkRun(Start start, List<Double> latencies, List<Double> pings, List<Integer> originalRanks,
            int lexicalResults, int errors, long residentKilobytes) {

        Run with(LineRun line) {
            return new Run(start, latencies, pings, originalRanks, lexicalResults, errors, residentKilobytes, line);
        }
    }

    private SdkRun sdkRun(Path database, List<String> warmUp, List<Query> queries, int originals)
            throws IOException, InterruptedException {
        Path home = copy(database);
        try (StdioServer server = launch(home)) {
            Start start = firstRetrievals(server);
            for (String query : warmUp) {
                retrieve(server, query);
            }
            List<Double> latencies = new ArrayList<>();
            List<Integer> ranks = new ArrayList<>();
            int lexical = 0;
            int errors = 0;
            for (int i = 0; i < queries.size(); i++) {
                long before = System.nanoTime();
                CallToolResult result = retrieve(server, queries.get(i).text());
                latencies.add(StdioServer.millisSince(before));
                if (Boolean.TRUE.equals(result.isError())) {
                    errors++;
                    continue;
                }
                lexical += "hybrid".equals(mode(result)) ? 0 : 1;
                if (i < originals) {
                    ranks.add(rank(result, queries.get(i)));
                }
            }
            List<Double> pings = new ArrayList<>();
            for (int i = 0; i < PINGS; i++) {
                long before = System.nanoTime();
                server.ping();
                pings.add(StdioServer.millisSince(before));
            }
            return new SdkRun(start, latencies, pings, ranks, lexical, errors, server.residentKilobytes());
        } finally {
            delete(home);
        }
    }

    private LineRun lineRun(Path database, List<String> warmUp, List<Query> queries)
            throws IOException, InterruptedException {
        Path home = copy(database);
        // The home is a copy that is deleted after the run, so the server's stderr can go there.
        Path stderr = home.resolve("bench-stderr.log");
        try (LineClient client = LineClient.start(List.of(launcher.toString(), "serve"),
                Map.of("SCMS_HOME", home.toString()), stderr)) {
            long start = System.nanoTime();
            while (!"hybrid".equals(retrieve(client, FIRST_QUERY).mode())) {
                if (StdioServer.millisSince(start) > MODEL_WAIT_MILLIS) {
                    throw new IllegalStateException("no hybrid result within " + (long) MODEL_WAIT_MILLIS
                            + " ms, so the model did not load. The server's stderr:\n" + Files.readString(stderr));
                }
                Thread.sleep(10);
            }
            for (String query : warmUp) {
                retrieve(client, query);
            }
            List<Double> latencies = new ArrayList<>();
            int errors = 0;
            for (Query query : queries) {
                LineClient.Reply reply = retrieve(client, query.text());
                latencies.add(reply.millis());
                errors += reply.failed() ? 1 : 0;
            }
            List<Double> pings = new ArrayList<>();
            for (int i = 0; i < PINGS; i++) {
                pings.add(client.ping().millis());
            }
            return new LineRun(latencies, pings, errors);
        } finally {
            delete(home);
        }
    }

    private static LineClient.Reply retrieve(LineClient client, String query) throws IOException {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("query", query);
        arguments.put("k", 5);
        return client.call("retrieve_memories", arguments);
    }

    private StdioServer launch(Path home) {
        return StdioServer.start(List.of(launcher.toString(), "serve"), Map.of("SCMS_HOME", home.toString()),
                "scms.jar");
    }

    /** Retrieves until a result used the model, and returns when the first result and that one arrived. */
    private static Start firstRetrievals(StdioServer server) throws InterruptedException {
        double initialize = server.initializeMillis();
        double first = -1;
        while (server.millisSinceStart() < MODEL_WAIT_MILLIS) {
            CallToolResult result = retrieve(server, FIRST_QUERY);
            double at = server.millisSinceStart();
            if (Boolean.TRUE.equals(result.isError())) {
                throw new IllegalStateException("retrieve_memories failed: " + result.content() + "\n"
                        + server.stderrTail());
            }
            first = first < 0 ? at : first;
            if ("hybrid".equals(mode(result))) {
                return new Start(initialize, first, at);
            }
            Thread.sleep(10);
        }
        return new Start(initialize, first, Double.NaN);
    }

    private static CallToolResult retrieve(StdioServer server, String query) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("query", query);
        arguments.put("k", 5);
        return server.call("retrieve_memories", arguments);
    }

    private static String mode(CallToolResult result) {
        return String.valueOf(structured(result).get("mode"));
    }

    /** Returns the 1-based rank of the first relevant memory among the returned ones, or 0 if none. */
    @SuppressWarnings("unchecked")
    private static int rank(CallToolResult result, Query query) {
        List<Map<String, Object>> memories = (List<Map<String, Object>>) structured(result).get("memories");
        for (int i = 0; i < memories.size(); i++) {
            if (query.relevant().contains(String.valueOf(memories.get(i).get("external_id")))) {
                return i + 1;
            }
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    private static Path copy(Path database) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("scms-bench");
        Files.delete(home);
        shell("cp", "-r", database.toString(), home.toString());
        return home;
    }

    static void delete(Path folder) throws IOException, InterruptedException {
        shell("rm", "-rf", folder.toString());
    }

    private static void shell(String... command) throws IOException, InterruptedException {
        int status = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (status != 0) {
            throw new IOException(String.join(" ", command) + " failed with status " + status);
        }
    }
}

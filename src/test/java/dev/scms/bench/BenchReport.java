package dev.scms.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.scms.bench.EndToEndBenchmark.BenchOptions;
import dev.scms.bench.EndToEndBenchmark.ImportLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Collects the benchmark's figures into one JSON tree and renders them as Markdown tables. Each
 * figure over repeated runs is the median of the per-run values, and every latency is in
 * milliseconds.
 */
final class BenchReport {

    private final Map<String, Object> root = new LinkedHashMap<>();
    private final List<Map<String, Object>> sizes = new ArrayList<>();
    private final BenchOptions options;

    BenchReport(BenchOptions options) {
        this.options = options;
        root.put("machine", options.machine());
        root.put("load_before", options.loadBefore());
        root.put("settings", Map.of("starts", options.starts(), "runs", options.runs(), "launcher",
                options.launcher().toString()));
        root.put("sizes", sizes);
    }

    void queries(int originals, int timed, int warmUp) {
        root.put("queries", Map.of("originals", originals, "timed", timed, "warm_up", warmUp));
    }

    void imports(List<ImportLog> imports) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ImportLog line : imports) {
            rows.add(row("size", line.size(), "count", line.count(), "seconds", round(line.millis() / 1000),
                    "per_second", round(line.count() / (line.millis() / 1000)), "note", line.note()));
        }
        root.put("imports", rows);
        List<Double> fresh = imports.stream().filter(line -> line.note().startsWith("fresh"))
                .map(line -> line.count() / (line.millis() / 1000)).toList();
        if (!fresh.isEmpty()) {
            root.put("import_per_second_median", round(Stats.median(fresh)));
        }
    }

    void starts(int size, List<ScmsRuns.Start> starts) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("size", size);
        map.put("starts", starts.size());
        map.put("initialize", summary(starts.stream().map(ScmsRuns.Start::initialize).toList()));
        map.put("first_result", summary(starts.stream().map(ScmsRuns.Start::firstResult).toList()));
        map.put("first_hybrid", summary(starts.stream().map(ScmsRuns.Start::firstHybrid).toList()));
        root.put("start", map);
    }

    void scms(int size, List<ScmsRuns.Run> runs) {
        List<Map<String, Object>> perRun = new ArrayList<>();
        for (ScmsRuns.Run run : runs) {
            List<Integer> ranks = run.originalRanks();
            perRun.add(row("p50", Stats.percentile(run.latencies(), 50), "p95", Stats.percentile(run.latencies(), 95),
                    "p99", Stats.percentile(run.latencies(), 99), "vmrss_mb", run.residentKilobytes() / 1024.0,
                    "initialize", run.start().initialize(), "first_result", run.start().firstResult(),
                    "first_hybrid", run.start().firstHybrid(), "hit_at_1", share(ranks, 1), "hit_at_3",
                    share(ranks, 3), "hit_at_5", share(ranks, 5), "queries", run.latencies().size(),
                    "lexical_results", run.lexicalResults(), "errors", run.errors(), "ping_p50",
                    Stats.median(run.pings()), "line_p50", Stats.percentile(run.line().latencies(), 50), "line_p95",
                    Stats.percentile(run.line().latencies(), 95), "line_p99",
                    Stats.percentile(run.line().latencies(), 99), "line_ping_p50", Stats.median(run.line().pings()),
                    "line_errors", run.line().errors()));
        }
        Map<String, Object> map = sizeEntry(size);
        map.put("runs", perRun);
        map.put("median", medians(perRun));
    }

    void peer(int size, double loadMillis, List<Optional<String>> keywords, List<PeerRuns.Run> runs) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("load_seconds", round(loadMillis / 1000));
        map.put("keywords", keywords.stream().map(keyword -> keyword.orElse("")).toList());
        map.put("full", form(runs, PeerRuns.Run::full));
        map.put("keyword", form(runs, PeerRuns.Run::keyword));
        map.put("vmrss_mb", round(Stats.median(runs.stream().map(run -> run.residentKilobytes() / 1024.0).toList())));
        sizeEntry(size).put("peer", map);
    }

    void peerFailure(int size, String message) {
        sizeEntry(size).put("peer", Map.of("failed", message));
    }

    void finish(String loadAfter) {
        root.put("load_after", loadAfter);
    }

    void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(folder.resolve("results.json").toFile(), root);
        Files.writeString(folder.resolve("results.md"), BenchMarkdown.render(root, options), StandardCharsets.UTF_8);
    }

    private Map<String, Object> form(List<PeerRuns.Run> runs, Function<PeerRuns.Run, PeerRuns.Form> form) {
        List<Map<String, Object>> perRun = new ArrayList<>();
        for (PeerRuns.Run run : runs) {
            PeerRuns.Form measured = form.apply(run);
            List<Double> latencies = measured.latencies().isEmpty() ? List.of(Double.NaN) : measured.latencies();
            perRun.add(row("p50", Stats.percentile(latencies, 50), "p95", Stats.percentile(latencies, 95), "p99",
                    Stats.percentile(latencies, 99), "hit_rate", (double) measured.hits().stream()
                            .filter(Boolean::booleanValue).count() / measured.hits().size(),
                    "median_results", Stats.median(measured.resultSizes().stream().map(Integer::doubleValue)
                            .toList()), "searches", measured.latencies().size()));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("runs", perRun);
        map.put("median", medians(perRun));
        return map;
    }

    /** Returns the figures of one size, adding an entry for the size on first use. */
    private Map<String, Object> sizeEntry(int size) {
        for (Map<String, Object> entry : sizes) {
            if (entry.get("size").equals(size)) {
                return entry;
            }
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("size", size);
        sizes.add(entry);
        return entry;
    }

    /** Returns the median over runs of every numeric field of the per-run rows. */
    private static Map<String, Object> medians(List<Map<String, Object>> perRun) {
        Map<String, Object> medians = new LinkedHashMap<>();
        for (String key : perRun.get(0).keySet()) {
            medians.put(key, round(Stats.median(perRun.stream().map(run -> ((Number) run.get(key)).doubleValue())
                    .toList())));
        }
        return medians;
    }

    private static Map<String, Object> summary(List<Double> values) {
        List<Double> measured = values.stream().filter(value -> !value.isNaN()).toList();
        if (measured.isEmpty()) {
            return Map.of("samples", 0);
        }
        return row("median", round(Stats.median(measured)), "p90", round(Stats.percentile(measured, 90)), "min",
                round(Stats.percentile(measured, 0)), "max", round(Stats.percentile(measured, 100)), "samples",
                measured.size());
    }

    private static double share(List<Integer> ranks, int k) {
        return ranks.isEmpty() ? Double.NaN
                : (double) ranks.stream().filter(rank -> rank >= 1 && rank <= k).count() / ranks.size();
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            row.put((String) keysAndValues[i], value instanceof Double number ? round(number) : value);
        }
        return row;
    }
}

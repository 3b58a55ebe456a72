package dev.scms.bench;

import dev.scms.bench.EndToEndBenchmark.BenchOptions;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the benchmark's JSON tree as the Markdown tables of results.md. */
final class BenchMarkdown {

    private BenchMarkdown() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> root, BenchOptions options) {
        StringBuilder text = new StringBuilder();
        text.append("Machine:\n\n```\n").append(root.get("machine")).append("\nload average before: ")
                .append(root.get("load_before")).append(", after: ").append(root.get("load_after")).append("\n```\n\n");
        Map<String, Object> queries = (Map<String, Object>) root.get("queries");
        text.append(String.format(Locale.ROOT, "%d timed queries per run (the %d dataset queries and their variants), "
                + "after %d warm-up queries; runs per size: %d; figures are medians of the per-run values; "
                + "latencies in ms.%n%n", queries.get("timed"), queries.get("originals"), queries.get("warm_up"),
                options.runs()));
        if (root.containsKey("start")) {
            start(text, (Map<String, Object>) root.get("start"));
        }
        List<Map<String, Object>> sizes = (List<Map<String, Object>>) root.get("sizes");
        scms(text, sizes);
        imports(text, (List<Map<String, Object>>) root.get("imports"), root.get("import_per_second_median"));
        peer(text, sizes);
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    private static void start(StringBuilder text, Map<String, Object> start) {
        text.append(String.format(Locale.ROOT, "Start, %s starts on the %s-memory database, ms after the process "
                + "start:%n%n", start.get("starts"), start.get("size")));
        text.append("| | median | p90 | min | max |\n|---|---:|---:|---:|---:|\n");
        String[][] rows = {{"initialize", "`initialize` reply"}, {"first_result", "first `retrieve_memories` result"},
            {"first_hybrid", "first result that used the model (`hybrid`)"}};
        for (String[] row : rows) {
            Map<String, Object> figures = (Map<String, Object>) start.get(row[0]);
            text.append("| ").append(row[1]).append(" | ").append(number(figures.get("median"))).append(" | ")
                    .append(number(figures.get("p90"))).append(" | ").append(number(figures.get("min"))).append(" | ")
                    .append(number(figures.get("max"))).append(" |\n");
        }
        text.append('\n');
    }

    @SuppressWarnings("unchecked")
    private static void scms(StringBuilder text, List<Map<String, Object>> sizes) {
        if (sizes.stream().noneMatch(size -> size.containsKey("median"))) {
            return;
        }
        text.append("`retrieve_memories` (k = 5) over stdio:\n\n| memories | p50 | p95 | p99 | VmRSS MB | initialize "
                + "| first result | first hybrid result | Hit@1 | Hit@3 | non-hybrid results | errors |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> size : sizes) {
            Map<String, Object> medians = (Map<String, Object>) size.get("median");
            if (medians == null) {
                continue;
            }
            text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    size.get("size"), number(medians.get("p50")), number(medians.get("p95")),
                    number(medians.get("p99")), number(medians.get("vmrss_mb")), number(medians.get("initialize")),
                    number(medians.get("first_result")), number(medians.get("first_hybrid")),
                    ratio(medians.get("hit_at_1")), ratio(medians.get("hit_at_3")),
                    number(medians.get("lexical_results")), number(medians.get("errors"))));
        }
        text.append('\n');
        clients(text, sizes);
    }

    /** Renders the round trips through each client, in servers of their own on the same database. */
    @SuppressWarnings("unchecked")
    private static void clients(StringBuilder text, List<Map<String, Object>> sizes) {
        text.append("The same queries per client, each client with a server of its own. The line client writes each"
                + " request as a line and reads lines until its reply, with no SDK threads or object mapping."
                + " `ping` is the floor of a round trip through each client:\n\n"
                + "| memories | client | p50 | p95 | p99 | `ping` p50 | errors |\n"
                + "|---:|---|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> size : sizes) {
            Map<String, Object> medians = (Map<String, Object>) size.get("median");
            if (medians == null) {
                continue;
            }
            text.append(String.format(Locale.ROOT, "| %s | MCP Java SDK | %s | %s | %s | %s | %s |%n", size.get("size"),
                    number(medians.get("p50")), number(medians.get("p95")), number(medians.get("p99")),
                    number(medians.get("ping_p50")), number(medians.get("errors"))));
            text.append(String.format(Locale.ROOT, "| %s | line client | %s | %s | %s | %s | %s |%n",
                    size.get("size"), number(medians.get("line_p50")), number(medians.get("line_p95")),
                    number(medians.get("line_p99")), number(medians.get("line_ping_p50")),
                    number(medians.get("line_errors"))));
        }
        text.append('\n');
    }

    private static void imports(StringBuilder text, List<Map<String, Object>> imports, Object median) {
        if (imports.isEmpty()) {
            return;
        }
        text.append("`scms import` with embedding:\n\n| database size after | memories imported | seconds "
                + "| memories/s | run |\n|---:|---:|---:|---:|---|\n");
        for (Map<String, Object> line : imports) {
            text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", line.get("size"), line.get("count"),
                    number(line.get("seconds")), number(line.get("per_second")), line.get("note")));
        }
        if (median != null) {
            text.append("\nMedian of the fresh imports: ").append(number(median)).append(" memories/s.\n");
        }
        text.append('\n');
    }

    @SuppressWarnings("unchecked")
    private static void peer(StringBuilder text, List<Map<String, Object>> sizes) {
        if (sizes.stream().noneMatch(size -> size.containsKey("peer"))) {
            return;
        }
        text.append("Side by side with `@modelcontextprotocol/server-memory` (`search_nodes`), on the dataset queries;"
                + " a hit is a result that contains a relevant memory (for SCMS: within the top 3):\n\n"
                + "| memories | server and query form | p50 | p95 | p99 | hit rate | Hit@1 | median results "
                + "| p50 peer/SCMS | p99 peer/SCMS | hit rate peer/SCMS |\n"
                + "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> size : sizes) {
            Map<String, Object> ours = (Map<String, Object>) size.getOrDefault("median", Map.of());
            if (!ours.isEmpty()) {
                text.append(String.format(Locale.ROOT, "| %s | SCMS, full query | %s | %s | %s | %s | %s | 5 | | | |%n",
                        size.get("size"), number(ours.get("p50")), number(ours.get("p95")),
                        number(ours.get("p99")), ratio(ours.get("hit_at_3")), ratio(ours.get("hit_at_1"))));
            }
            Map<String, Object> peer = (Map<String, Object>) size.get("peer");
            if (peer == null) {
                continue;
            }
            if (peer.containsKey("failed")) {
                text.append("| ").append(size.get("size")).append(" | reference server failed: ")
                        .append(peer.get("failed")).append(" | | | | | | | | | |\n");
                continue;
            }
            peerRow(text, size.get("size"), "reference server, full query", (Map<String, Object>) peer.get("full"),
                    ours);
            peerRow(text, size.get("size"), "reference server, rarest word", (Map<String, Object>) peer.get("keyword"),
                    ours);
        }
        text.append('\n');
    }

    @SuppressWarnings("unchecked")
    private static void peerRow(StringBuilder text, Object size, String label, Map<String, Object> form,
            Map<String, Object> ours) {
        Map<String, Object> medians = (Map<String, Object>) form.get("median");
        text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | | %s | %s | %s | %s |%n", size, label,
                number(medians.get("p50")), number(medians.get("p95")), number(medians.get("p99")),
                ratio(medians.get("hit_rate")), number(medians.get("median_results")),
                quotient(medians.get("p50"), ours.get("p50")), quotient(medians.get("p99"), ours.get("p99")),
                quotient(medians.get("hit_rate"), ours.get("hit_at_3"))));
    }

    private static String number(Object value) {
        if (!(value instanceof Number number) || Double.isNaN(number.doubleValue())) {
            return "n/a";
        }
        double amount = number.doubleValue();
        if (amount > 0 && amount < 1) {
            return String.format(Locale.ROOT, "%.2f", amount);
        }
        return amount >= 100 || amount == Math.rint(amount) ? String.format(Locale.ROOT, "%.0f", amount)
                : String.format(Locale.ROOT, "%.1f", amount);
    }

    private static String ratio(Object value) {
        return value instanceof Number number && !Double.isNaN(number.doubleValue())
                ? String.format(Locale.ROOT, "%.3f", number.doubleValue()) : "n/a";
    }

    private static String quotient(Object peer, Object ours) {
        if (!(peer instanceof Number p) || !(ours instanceof Number o) || o.doubleValue() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f", p.doubleValue() / o.doubleValue());
    }
}

package dev.scms.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders evaluation results as a Markdown table and as JSON, one row per preset. The title
 * names the dataset and marks a generated workload, so that results on generated
 * data are never read as results on real data. Recall against the full scan appears only for
 * hierarchical presets: "-" in the Markdown column, and no key in their JSON objects.
 */
public final class Report {

    private Report() {
    }

    public static String markdown(RunSummary summary, List<RunResult> results) {
        boolean recall = results.stream().anyMatch(result -> result.metrics().recallVsFull().isPresent());
        StringBuilder text = new StringBuilder();
        text.append(summary.generated() ? "## Generated workload: " : "## Dataset: ").append(summary.dataset())
                .append("\n\n");
        if (!summary.commonSettings().isEmpty()) {
            text.append("Settings for every preset: ").append(keyValues(summary.commonSettings())).append("\n\n");
        }
        text.append("| preset | queries | Hit@1 | Hit@3 | Hit@5 | P@3 | MRR | nDCG@10 |")
                .append(recall ? " recall vs full |" : "").append(" returned | tokens | p50 ms | p95 ms | s |\n");
        text.append("|---|---:|---:|---:|---:|---:|---:|---:|").append(recall ? "---:|" : "")
                .append("---:|---:|---:|---:|---:|\n");
        for (RunResult result : results) {
            Metrics m = result.metrics();
            text.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |",
                    m.preset(), m.queries(), m.hitAt1(), m.hitAt3(), m.hitAt5(), m.precisionAt3(), m.mrr(),
                    m.ndcgAt10()));
            if (recall) {
                text.append(m.recallVsFull().map(value -> String.format(Locale.ROOT, " %.3f |", value))
                        .orElse(" - |"));
            }
            text.append(String.format(Locale.ROOT, " %.1f | %.0f | %.1f | %.1f | %.1f |%n", m.meanReturned(),
                    m.meanTokens(), m.medianMillis(), m.p95Millis(), result.seconds()));
        }
        text.append(String.format(Locale.ROOT, "%n%d memories, %d queries, %d presets; the run took %.1f s, of "
                + "which %.1f s embedding %d distinct memory texts once for all presets.%n", summary.memories(),
                summary.queries(), results.size(), summary.totalSeconds(), summary.embeddingSeconds(),
                summary.embeddedTexts()));
        return text.toString();
    }

    /**
     * Writes one JSON object per preset, with each metric under its plain name ({@code hit@1},
     * {@code mrr}), the dataset, the settings the preset ran with, and {@code recall_vs_full}
     * only where it was measured.
     */
    public static void writeJson(RunSummary summary, List<RunResult> results, Path file) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunResult result : results) {
            Metrics metrics = result.metrics();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("preset", metrics.preset());
            row.put("dataset", summary.dataset());
            row.put("generated", summary.generated());
            row.put("settings", new TreeMap<>(result.settings()));
            row.put("queries", metrics.queries());
            row.put("hit@1", metrics.hitAt1());
            row.put("hit@3", metrics.hitAt3());
            row.put("hit@5", metrics.hitAt5());
            row.put("p@3", metrics.precisionAt3());
            row.put("mrr", metrics.mrr());
            row.put("ndcg@10", metrics.ndcgAt10());
            metrics.recallVsFull().ifPresent(recall -> row.put("recall_vs_full", recall));
            row.put("mean_returned", metrics.meanReturned());
            row.put("mean_tokens", metrics.meanTokens());
            row.put("median_ms", metrics.medianMillis());
            row.put("p95_ms", metrics.p95Millis());
            row.put("seconds", result.seconds());
            rows.add(row);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), rows);
    }

    private static String keyValues(Map<String, String> settings) {
        List<String> pairs = new ArrayList<>();
        new TreeMap<>(settings).forEach((key, value) -> pairs.add(key + "=" + value));
        return String.join(", ", pairs);
    }
}

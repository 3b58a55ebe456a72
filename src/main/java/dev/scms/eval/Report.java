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

/** Renders evaluation metrics as a Markdown table and as JSON, one object per preset. */
public final class Report {

    private Report() {
    }

    public static String markdown(List<Metrics> results) {
        StringBuilder table = new StringBuilder();
        table.append("| preset | queries | Hit@1 | Hit@3 | Hit@5 | P@3 | MRR | nDCG@10 | returned | tokens | p50 ms |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Metrics metrics : results) {
            table.append(String.format(Locale.ROOT,
                    "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f | %.0f | %.1f |%n", metrics.preset(),
                    metrics.queries(), metrics.hitAt1(), metrics.hitAt3(), metrics.hitAt5(), metrics.precisionAt3(),
                    metrics.mrr(), metrics.ndcgAt10(), metrics.meanReturned(), metrics.meanTokens(),
                    metrics.medianMillis()));
        }
        return table.toString();
    }

    /** Writes one JSON object per preset, with each metric under its plain name ({@code hit@1}, {@code mrr}). */
    public static void writeJson(List<Metrics> results, Path file) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Metrics metrics : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("preset", metrics.preset());
            row.put("queries", metrics.queries());
            row.put("hit@1", metrics.hitAt1());
            row.put("hit@3", metrics.hitAt3());
            row.put("hit@5", metrics.hitAt5());
            row.put("p@3", metrics.precisionAt3());
            row.put("mrr", metrics.mrr());
            row.put("ndcg@10", metrics.ndcgAt10());
            row.put("mean_returned", metrics.meanReturned());
            row.put("mean_tokens", metrics.meanTokens());
            row.put("median_ms", metrics.medianMillis());
            rows.add(row);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), rows);
    }
}

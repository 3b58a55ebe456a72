package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.core.StatsResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the figures of {@code memory_stats}, without loading the model. */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Print counts of memories, uses and "
        + "promotions and the figures over recent retrievals (sparsity, selection entropy, tokens), as "
        + "memory_stats does. Without --project the figures cover every project.")
final class StatsCommand extends StoreCommand {

    @Option(names = "--project", paramLabel = "DIR|NAME", description = "Only this project's view: its memories "
            + "and the global ones, and its retrievals.")
    String project;

    @Override
    Optional<String> projectArgument() {
        return Optional.ofNullable(project).filter(value -> !value.isBlank());
    }

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Settings loaded = loadSettings();
        StatsResult result;
        try (Application application = open(loaded, false)) {
            result = application.scms().stats(Optional.ofNullable(project), context(loaded));
        }
        if (json) {
            printJson(json(result));
            return 0;
        }
        TextTable table = new TextTable(List.of("FIGURE", "VALUE"), 1, java.util.Set.of());
        rows(result).forEach(table::add);
        printTable(table);
        return 0;
    }

    private static Map<String, Object> rows(StatsResult result) {
        Map<String, Object> rows = new LinkedHashMap<>();
        result.project().ifPresent(key -> rows.put("project", key.value()));
        rows.put("active memories", result.counts().active() + " (" + result.counts().activeBreakdown() + ")");
        rows.put("archived", result.counts().archived());
        rows.put("uses", result.counts().uses());
        rows.put("retrievals", result.counts().retrievals());
        rows.put("promotions", result.counts().promotions());
        rows.put("window", result.retrievalsInWindow() + " of the last " + result.window() + " retrievals");
        rows.put("mean returned", decimal(result.meanReturned()) + " of " + decimal(result.meanConsidered())
                + " in scope");
        rows.put("mean sparsity", decimal(result.meanSparsity()));
        rows.put("entropy", decimal(result.selectionEntropy()) + (result.entropyAlert() ? " (alert: below "
                + decimal(result.entropyThreshold()) + ")" : ""));
        rows.put("tokens", Math.round(result.meanTokensReturned()) + " returned per retrieval, "
                + result.tokensInScope() + " to load every memory in scope");
        rows.put("database", result.database());
        return rows;
    }

    private static Map<String, Object> json(StatsResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        result.project().ifPresent(key -> map.put("project", key.value()));
        map.put("active", result.counts().active());
        map.put("archived", result.counts().archived());
        map.put("by_layer", new TreeMap<>(result.counts().byLayer()));
        map.put("by_kind", new TreeMap<>(result.counts().byKind()));
        map.put("uses", result.counts().uses());
        map.put("retrievals", result.counts().retrievals());
        map.put("promotions", result.counts().promotions());
        Map<String, Object> recent = new LinkedHashMap<>();
        recent.put("retrievals", result.retrievalsInWindow());
        recent.put("size", result.window());
        recent.put("mean_returned", round(result.meanReturned()));
        recent.put("mean_considered", round(result.meanConsidered()));
        recent.put("mean_sparsity", round(result.meanSparsity()));
        recent.put("selection_entropy", round(result.selectionEntropy()));
        recent.put("entropy_alert", result.entropyAlert());
        recent.put("mean_tokens_returned", round(result.meanTokensReturned()));
        recent.put("tokens_in_scope", result.tokensInScope());
        map.put("recent", recent);
        map.put("database", result.database());
        return map;
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static double round(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }
}

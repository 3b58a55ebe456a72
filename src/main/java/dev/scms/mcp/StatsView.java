package dev.scms.mcp;

import dev.scms.config.StrategySettings;
import dev.scms.core.StatsResult;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the memory_stats result: counts, the figures over recent retrievals (sparsity, selection
 * entropy and its alert, token economics), the calling session's layer and the totals of ended
 * sessions.
 */
final class StatsView {

    private StatsView() {
    }

    static Map<String, Object> structured(StatsResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        result.project().ifPresent(project -> map.put("project", project.value()));
        map.put("active", result.counts().active());
        map.put("archived", result.counts().archived());
        map.put("by_layer", new TreeMap<>(result.counts().byLayer()));
        map.put("by_kind", new TreeMap<>(result.counts().byKind()));
        map.put("uses", result.counts().uses());
        map.put("retrievals", result.counts().retrievals());
        map.put("promotions", result.counts().promotions());
        map.put("recent", window(result));
        map.put("session", SessionView.structured(result.session()));
        map.put("past_sessions", pastSessions(result));
        map.put("model", result.modelStatus());
        map.put("database", result.database());
        return map;
    }

    private static Map<String, Object> pastSessions(StatsResult result) {
        var totals = result.pastSessions();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("sessions", totals.sessions());
        map.put("retrievals", totals.retrievals());
        map.put("memories_returned", totals.memoriesReturned());
        map.put("uses", totals.uses());
        map.put("helpful_uses", totals.helpfulUses());
        map.put("failures_logged", totals.failuresLogged());
        map.put("failures_rediscovered", totals.failuresRediscovered());
        return map;
    }

    private static Map<String, Object> window(StatsResult result) {
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("retrievals", result.retrievalsInWindow());
        window.put("size", result.window());
        window.put("mean_returned", MemoryView.round(result.meanReturned()));
        window.put("mean_considered", MemoryView.round(result.meanConsidered()));
        window.put("mean_sparsity", MemoryView.round(result.meanSparsity()));
        window.put("selection_entropy", MemoryView.round(result.selectionEntropy()));
        window.put("entropy_alert", result.entropyAlert());
        window.put("entropy_alert_threshold", result.entropyThreshold());
        window.put("entropy_alert_min_retrievals", StrategySettings.MIN_ENTROPY_WINDOW);
        window.put("mean_tokens_returned", MemoryView.round(result.meanTokensReturned()));
        window.put("tokens_in_scope", result.tokensInScope());
        window.put("token_ratio", MemoryView.round(result.tokenRatio()));
        window.put("tokens_saved_per_retrieval", MemoryView.round(result.tokensSavedPerRetrieval()));
        window.put("tokens_saved_share", MemoryView.round(result.tokensSavedShare()));
        return window;
    }

    static String markdown(StatsResult result) {
        StringBuilder text = new StringBuilder();
        text.append("SCMS memory").append(result.project().map(project -> " for project " + project.value())
                .orElse("")).append(": ").append(ResultViews.count(result.counts().active(), "active memory",
                        "active memories")).append(" (").append(result.counts().activeBreakdown()).append("), ").append(result.counts().archived())
                .append(" archived, ").append(ResultViews.count(result.counts().uses(), "use")).append(", ")
                .append(ResultViews.count(result.counts().promotions(), "promotion")).append(".\n");
        text.append(sparsity(result)).append('\n');
        text.append(tokens(result)).append('\n');
        text.append(entropy(result)).append('\n');
        text.append(SessionView.summary(result.session())).append('\n');
        text.append(pastSessionsLine(result)).append('\n');
        text.append("Model: ").append(stripPeriod(result.modelStatus())).append(". Database: ")
                .append(result.database()).append('.');
        return text.toString();
    }

    private static String sparsity(StatsResult result) {
        if (result.retrievalsInWindow() == 0) {
            return "No retrieval yet in the window of the last " + result.window() + ".";
        }
        return "Last " + ResultViews.count(result.retrievalsInWindow(), "retrieval") + " (window "
                + result.window() + "): " + decimal(result.meanReturned()) + " of " + decimal(result.meanConsidered())
                + " memories in scope returned on average, mean sparsity " + MemoryView.format(result.meanSparsity())
                + ".";
    }

    private static String tokens(StatsResult result) {
        if (result.retrievalsInWindow() == 0) {
            return "Tokens: loading every active memory in scope would take " + result.tokensInScope() + ".";
        }
        return "Tokens: " + Math.round(result.meanTokensReturned()) + " returned per retrieval against "
                + result.tokensInScope() + " to load every active memory in scope (ratio "
                + MemoryView.format(result.tokenRatio()) + "), so " + Math.round(result.tokensSavedPerRetrieval())
                + " saved per retrieval (" + percent(result.tokensSavedShare()) + ").";
    }

    private static String entropy(StatsResult result) {
        String figure = "Selection entropy " + MemoryView.format(result.selectionEntropy()) + " (alert below "
                + MemoryView.format(result.entropyThreshold()) + " over at least "
                + StrategySettings.MIN_ENTROPY_WINDOW + " retrievals)";
        if (!result.entropyAlert()) {
            return figure + ".";
        }
        return figure + ". Diversity alert: retrieval keeps returning the same few memories. Raise load_balancing "
                + "or dropout, or archive memories that come back for unrelated tasks.";
    }

    private static String pastSessionsLine(StatsResult result) {
        var totals = result.pastSessions();
        if (totals.sessions() == 0) {
            return "Ended sessions: none stored yet.";
        }
        return "Ended sessions: " + totals.sessions() + ", with " + ResultViews.count(totals.retrievals(), "retrieval")
                + ", " + ResultViews.count(totals.uses(), "use") + " (" + totals.helpfulUses() + " helpful) and "
                + ResultViews.count(totals.failuresLogged(), "failure") + " logged (" + totals.failuresRediscovered()
                + " re-discovered).";
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * share);
    }

    private static String stripPeriod(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}

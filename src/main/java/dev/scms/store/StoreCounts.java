package dev.scms.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of memories: {@code byLayer} and {@code byKind} count active memories, keyed by
 * the wire names ({@code L0}, {@code bug_pattern}); {@code archived} counts archived ones.
 */
public record StoreCounts(int active, int archived, Map<String, Integer> byLayer, Map<String, Integer> byKind,
        int uses, int retrievals, int promotions) {

    public StoreCounts {
        byLayer = Map.copyOf(byLayer);
        byKind = Map.copyOf(byKind);
    }

    /** Returns the non-zero active counts by layer, then by kind, in key order: "L0 3, L1 1; pattern 3, rule 1". */
    public String activeBreakdown() {
        return nonZero(byLayer) + "; " + nonZero(byKind);
    }

    private static String nonZero(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(counts).forEach((key, value) -> {
            if (value > 0) {
                parts.add(key + " " + value);
            }
        });
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}

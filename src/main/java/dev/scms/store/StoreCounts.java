package dev.scms.store;

import java.util.Map;

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
}

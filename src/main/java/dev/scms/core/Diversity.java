package dev.scms.core;

import dev.scms.config.StrategySettings;

/**
 * The diversity of what retrieval selected: the normalised selection entropy over the last
 * {@code retrievals} retrievals (at most {@code window}), the alert threshold and whether the
 * alert is raised.
 */
public record Diversity(double selectionEntropy, int retrievals, int window, double threshold, boolean alert) {

    /**
     * Returns whether the entropy lies below the threshold, taken over at least
     * {@link StrategySettings#MIN_ENTROPY_WINDOW} retrievals. A threshold of 0 is never reached.
     */
    static boolean below(double selectionEntropy, int retrievals, double threshold) {
        return retrievals >= StrategySettings.MIN_ENTROPY_WINDOW && selectionEntropy < threshold;
    }
}

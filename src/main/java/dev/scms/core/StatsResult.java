package dev.scms.core;

import dev.scms.model.ProjectKey;
import dev.scms.store.StoreCounts;
import java.util.Optional;

/**
 * The figures memory_stats reports. Over the last {@code window} retrievals: mean sparsity (returned
 * over considered), normalised Shannon entropy of which memories were selected (1 is perfectly
 * spread, 0 is always the same), and mean tokens returned against the tokens of loading every
 * active memory in scope.
 */
public record StatsResult(Optional<ProjectKey> project, StoreCounts counts, int window, int retrievalsInWindow,
        double meanSparsity, double selectionEntropy, double meanTokensReturned, int tokensInScope,
        String modelStatus, String database) {
}

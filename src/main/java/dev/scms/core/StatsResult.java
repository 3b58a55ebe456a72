package dev.scms.core;

import dev.scms.model.ProjectKey;
import dev.scms.store.SessionTotals;
import dev.scms.store.StoreCounts;
import java.util.Optional;

/**
 * The figures memory_stats reports. Over the last {@code window} retrievals: mean sparsity (returned
 * over considered), normalised Shannon entropy of which memories were selected (1 is perfectly
 * spread, 0 is always the same), and mean tokens returned against the tokens of loading every
 * active memory in scope.
 *
 * @param meanReturned the mean number of memories a retrieval returned
 * @param meanConsidered the mean number of memories in scope of a retrieval
 * @param entropyThreshold the {@code entropy_alert} setting
 * @param entropyAlert whether {@code selectionEntropy} lies below the threshold, over at least
 *        {@link dev.scms.config.StrategySettings#MIN_ENTROPY_WINDOW} retrievals
 * @param session what the calling session retrieved, used and logged
 * @param pastSessions the totals of the ended sessions of the project, or of all of them
 */
public record StatsResult(Optional<ProjectKey> project, StoreCounts counts, int window, int retrievalsInWindow,
        double meanSparsity, double selectionEntropy, double meanTokensReturned, int tokensInScope,
        String modelStatus, String database, double meanReturned, double meanConsidered, double entropyThreshold,
        boolean entropyAlert, SessionDashboard session, SessionTotals pastSessions) {

    /** Returns mean tokens returned over the tokens in scope, 0 when the scope is empty. */
    public double tokenRatio() {
        return tokensInScope == 0 ? 0.0 : meanTokensReturned / tokensInScope;
    }

    /**
     * Returns the tokens a retrieval saved on average against loading every memory in scope, 0 while
     * the window has no retrieval.
     */
    public double tokensSavedPerRetrieval() {
        return retrievalsInWindow == 0 ? 0.0 : tokensInScope - meanTokensReturned;
    }

    /**
     * Returns the share of the tokens in scope that a retrieval saved on average, 0 while the window has
     * no retrieval or the scope is empty.
     */
    public double tokensSavedShare() {
        return retrievalsInWindow == 0 || tokensInScope == 0 ? 0.0 : 1.0 - tokenRatio();
    }
}

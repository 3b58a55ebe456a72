package dev.scms.core;

import dev.scms.config.StrategySettings;
import dev.scms.model.Memory;
import dev.scms.model.ProjectKey;
import dev.scms.router.SelectionEntropy;
import dev.scms.store.VectorCache.CachedMemory;
import dev.scms.store.MemoryStore;
import dev.scms.store.RetrievalRecord;
import dev.scms.store.VectorCache;
import java.util.List;
import java.util.Optional;

/**
 * The memory_stats use case: counts, sparsity, selection entropy, token economics, the calling
 * session's layer and the totals of ended sessions.
 */
public final class StatsService {

    private final MemoryStore store;
    private final VectorCache cache;
    private final EmbeddingSource embeddings;
    private final StrategySettings strategies;

    StatsService(MemoryStore store, VectorCache cache, EmbeddingSource embeddings, StrategySettings strategies) {
        this.store = store;
        this.cache = cache;
        this.embeddings = embeddings;
        this.strategies = strategies;
    }

    /** Returns the stats of the project, or of everything when empty, with the calling session's layer. */
    public StatsResult stats(Optional<ProjectKey> project, SessionDashboard session) {
        int window = strategies.entropyWindow();
        List<RetrievalRecord> recent = store.recentRetrievals(window, project);
        double sparsity = recent.stream().filter(r -> r.considered() > 0)
                .mapToDouble(r -> (double) r.returnedIds().size() / r.considered()).average().orElse(0.0);
        double tokens = recent.stream().mapToInt(RetrievalRecord::returnedTokens).average().orElse(0.0);
        double returned = recent.stream().mapToInt(r -> r.returnedIds().size()).average().orElse(0.0);
        double considered = recent.stream().mapToInt(RetrievalRecord::considered).average().orElse(0.0);
        double entropy = entropy(recent);
        boolean alert = Diversity.below(entropy, recent.size(), strategies.entropyAlert());
        return new StatsResult(project, store.counts(project), window, recent.size(), sparsity, entropy, tokens,
                tokensInScope(project), embeddings.status(), store.location(), returned, considered,
                strategies.entropyAlert(), alert, session, store.sessionTotals(project));
    }

    /** Returns the normalised selection entropy of the retrievals, as {@link SelectionEntropy} defines it. */
    static double entropy(List<RetrievalRecord> retrievals) {
        int candidates = retrievals.stream().mapToInt(RetrievalRecord::considered).max().orElse(Integer.MAX_VALUE);
        return SelectionEntropy.of(retrievals.stream().map(RetrievalRecord::returnedIds).toList(), candidates);
    }

    private int tokensInScope(Optional<ProjectKey> project) {
        cache.refresh();
        int tokens = 0;
        for (CachedMemory cached : cache.snapshot()) {
            Memory memory = cached.memory();
            boolean visible = project.isEmpty() || memory.project().isEmpty() || memory.project().equals(project);
            if (memory.isActive() && visible) {
                tokens += Selection.OVERHEAD_TOKENS + Texts.estimateTokens(memory.title() + memory.body());
            }
        }
        return tokens;
    }
}

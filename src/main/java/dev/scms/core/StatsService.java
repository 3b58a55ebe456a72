package dev.scms.core;

import dev.scms.model.Memory;
import dev.scms.model.ProjectKey;
import dev.scms.store.VectorCache.CachedMemory;
import dev.scms.store.MemoryStore;
import dev.scms.store.RetrievalRecord;
import dev.scms.store.VectorCache;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The memory_stats use case: counts, sparsity, selection entropy and token economics. */
public final class StatsService {

    /** Number of recent retrievals the sparsity, entropy and token figures are taken over. */
    static final int WINDOW = 100;

    private final MemoryStore store;
    private final VectorCache cache;
    private final EmbeddingSource embeddings;

    public StatsService(MemoryStore store, VectorCache cache, EmbeddingSource embeddings) {
        this.store = store;
        this.cache = cache;
        this.embeddings = embeddings;
    }

    public StatsResult stats(Optional<ProjectKey> project) {
        List<RetrievalRecord> recent = store.recentRetrievals(WINDOW, project);
        double sparsity = recent.stream().filter(r -> r.considered() > 0)
                .mapToDouble(r -> (double) r.returnedIds().size() / r.considered()).average().orElse(0.0);
        double tokens = recent.stream().mapToInt(RetrievalRecord::returnedTokens).average().orElse(0.0);
        return new StatsResult(project, store.counts(project), WINDOW, recent.size(), sparsity, entropy(recent),
                tokens, tokensInScope(project), embeddings.status(), store.location());
    }

    /** Returns the Shannon entropy of the selected ids, divided by its maximum for that many selections. */
    static double entropy(List<RetrievalRecord> retrievals) {
        Map<Long, Integer> counts = new HashMap<>();
        int total = 0;
        for (RetrievalRecord retrieval : retrievals) {
            for (Long id : retrieval.returnedIds()) {
                counts.merge(id, 1, Integer::sum);
                total++;
            }
        }
        if (counts.size() < 2) {
            return 0.0;
        }
        double entropy = 0.0;
        for (int count : counts.values()) {
            double p = (double) count / total;
            entropy -= p * Math.log(p);
        }
        return entropy / Math.log(total);
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

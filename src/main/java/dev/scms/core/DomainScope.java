package dev.scms.core;

import dev.scms.config.StrategySettings;
import dev.scms.model.ProjectKey;
import dev.scms.router.DomainCentroids;
import dev.scms.router.HierarchicalRouting;
import dev.scms.store.VectorCache.CachedMemory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the memories a retrieval scores. With hierarchical routing off, below
 * {@code hierarchical_min_memories} memories in scope, or without a query vector, that is every
 * memory in scope. Otherwise it is the memories of the {@code hierarchical_domains} domains nearest
 * the query, plus every BM25 match (so an exact error message is never lost), every rule of the
 * project and every memory without a vector of the current model, which no centroid can place.
 *
 * <p>The centroids are rebuilt from the whole vector cache after each change to it, at
 * O(memories * dimension), and shared by the retrievals until the next change. A retrieval then
 * ranks the domains at O(domains * dimension) and computes cosines for the kept memories only.
 * NOTE: choosing the kept memories still passes once over the memories in scope, without vector
 * arithmetic, because the retriever builds that list anyway for n_max and the sparsity count.
 */
final class DomainScope {

    /** The memories to score, and whether hierarchical routing chose them. */
    record Scope(List<CachedMemory> memories, boolean hierarchical) {
    }

    private record Built(List<CachedMemory> snapshot, DomainCentroids centroids) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(DomainScope.class);

    private final StrategySettings strategies;
    private volatile Built built = new Built(List.of(), DomainCentroids.builder().build());

    DomainScope(StrategySettings strategies) {
        this.strategies = strategies;
    }

    /**
     * @param snapshot the vector cache's snapshot that {@code visible} was taken from
     * @param visible the memories in scope of this retrieval
     * @param lexicalHits the ids of the memories full-text search matched
     */
    Scope select(List<CachedMemory> snapshot, List<CachedMemory> visible, Optional<float[]> query,
            Set<Long> lexicalHits, ProjectKey project) {
        if (!strategies.hierarchical() || query.isEmpty() || visible.size() < strategies.hierarchicalMinMemories()) {
            return new Scope(visible, false);
        }
        List<CachedMemory> kept = HierarchicalRouting.keep(visible,
                cached -> DomainCentroids.groupOf(cached.memory().domain()),
                cached -> lexicalHits.contains(cached.memory().id()) || Retriever.isRuleOf(cached.memory(), project)
                        || cached.vector().isEmpty(),
                centroids(snapshot), query.get(), strategies.hierarchicalDomains());
        LOG.debug("Hierarchical routing kept {} of {} memories in scope of project {}", kept.size(), visible.size(),
                project.value());
        return new Scope(kept, true);
    }

    /** Returns the centroids of the snapshot, rebuilt only when the snapshot is not the one they came from. */
    DomainCentroids centroids(List<CachedMemory> snapshot) {
        Built current = built;
        if (current.snapshot() == snapshot) {
            return current.centroids();
        }
        DomainCentroids.Builder builder = DomainCentroids.builder();
        for (CachedMemory cached : snapshot) {
            cached.vector().ifPresent(vector -> builder.add(cached.memory().domain(), vector));
        }
        DomainCentroids centroids = builder.build();
        built = new Built(snapshot, centroids);
        return centroids;
    }
}

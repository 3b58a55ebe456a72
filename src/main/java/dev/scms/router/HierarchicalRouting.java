package dev.scms.router;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Hierarchical routing: instead of scoring every memory in scope, keep the memories of the
 * domains whose centroids lie nearest the query, plus the ones a caller always keeps, and score
 * only those with the usual {@link Router}.
 *
 * <p>Why the result can match the full scan: the router normalises BM25 by the best match among
 * the candidates passed in, and n_max comes from the caller. When every memory with a BM25 match
 * is always kept, both are the same as in the full scan, so every kept memory gets the same score.
 * A memory of the full top k that is kept is then also in the hierarchical top k, because nothing
 * kept outranks it that did not outrank it in the full scan. The hierarchical top k therefore
 * misses exactly the full top-k memories that were not kept, and keeping every domain gives the
 * full result.
 */
public final class HierarchicalRouting {

    private HierarchicalRouting() {
    }

    /**
     * Returns the items of the {@code domains} domains nearest the query, and every item that
     * {@code alwaysKeep} accepts, in their input order.
     *
     * @param group the domain group of an item, see {@link DomainCentroids#groupOf}
     */
    public static <T> List<T> keep(List<T> items, Function<? super T, String> group, Predicate<? super T> alwaysKeep,
            DomainCentroids centroids, float[] query, int domains) {
        Objects.requireNonNull(items, "items");
        Set<String> nearest = new HashSet<>(centroids.nearest(query, domains));
        List<T> kept = new ArrayList<>();
        for (T item : items) {
            if (alwaysKeep.test(item) || nearest.contains(group.apply(item))) {
                kept.add(item);
            }
        }
        return kept;
    }

    /**
     * Returns the recall of a hierarchical top k against the full scan's top k:
     * {@code |hierarchical ∩ full| / |full|}, and 1 when the full scan found nothing to miss.
     */
    public static double recall(Collection<Long> hierarchical, Collection<Long> full) {
        Objects.requireNonNull(hierarchical, "hierarchical");
        Set<Long> expected = new HashSet<>(full);
        if (expected.isEmpty()) {
            return 1.0;
        }
        Set<Long> found = new HashSet<>(hierarchical);
        found.retainAll(expected);
        return (double) found.size() / expected.size();
    }
}

package dev.scms.eval;

import dev.scms.core.RetrieveResult;
import dev.scms.core.RetrievedMemory;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Recall of a hierarchical retrieval against the full scan over the same store. */
final class Recall {

    private Recall() {
    }

    /**
     * Returns |top-k of {@code routed} ∩ top-k of {@code full}| / |top-k of {@code full}|, over
     * the memories (not the rules) of both results. When the full scan returns nothing there is
     * nothing to miss, and the recall is 1.
     */
    static double ofTopK(RetrieveResult routed, RetrieveResult full, int k) {
        Set<Long> reference = topK(full.memories(), k);
        if (reference.isEmpty()) {
            return 1.0;
        }
        Set<Long> found = topK(routed.memories(), k);
        long shared = reference.stream().filter(found::contains).count();
        return (double) shared / reference.size();
    }

    private static Set<Long> topK(List<RetrievedMemory> memories, int k) {
        return memories.stream().filter(item -> item.rank() <= k).map(item -> item.memory().id())
                .collect(Collectors.toSet());
    }
}

package dev.scms.router;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The diversity measure of the router: the Shannon entropy of which memories were selected over a
 * number of retrievals, divided by its maximum for that many selections among that many
 * memories.
 *
 * <pre>
 *   p_m = c_m / T,   H = -sum over m of p_m * ln(p_m),   normalised = H / ln(min(T, N))
 * </pre>
 *
 * where c_m counts the retrievals that returned memory m, T is the total number of selections and
 * N the number of memories that could be selected. H reaches ln(min(T, N)) when the selections
 * spread evenly, so the value is 1 for a perfect spread and 0 when one memory is all that was
 * ever returned. Without N, a store of five memories that returns all five every time would read
 * as a collapse after a few dozen retrievals. With fewer than two distinct memories selected it
 * is 0, unless fewer than two could be selected, in which case it is 1: nothing could spread.
 */
public final class SelectionEntropy {

    private SelectionEntropy() {
    }

    /**
     * Returns the normalised entropy of the selections, each one the list of ids one retrieval
     * returned, with no bound on the memories that could be selected.
     */
    public static double of(Collection<? extends Collection<Long>> selections) {
        return of(selections, Integer.MAX_VALUE);
    }

    /**
     * Returns the normalised entropy of the selections when {@code candidates} memories could be
     * selected.
     */
    public static double of(Collection<? extends Collection<Long>> selections, int candidates) {
        Map<Long, Integer> counts = new HashMap<>();
        int total = 0;
        for (Collection<Long> selection : selections) {
            for (Long id : selection) {
                counts.merge(id, 1, Integer::sum);
                total++;
            }
        }
        return normalised(counts.values(), total, candidates);
    }

    /** Returns the normalised entropy of selection counts that sum to {@code total}, with no bound on the memories. */
    public static double normalised(Collection<Integer> counts, int total) {
        return normalised(counts, total, Integer.MAX_VALUE);
    }

    /**
     * Returns the normalised entropy of selection counts that sum to {@code total} when
     * {@code candidates} memories could be selected.
     *
     * @throws IllegalArgumentException if a count is not positive or the counts do not sum to {@code total}
     */
    public static double normalised(Collection<Integer> counts, int total, int candidates) {
        long sum = 0;
        for (int count : counts) {
            if (count < 1) {
                throw new IllegalArgumentException("selection counts must be positive, got " + count);
            }
            sum += count;
        }
        if (sum != total) {
            throw new IllegalArgumentException("selection counts sum to " + sum + ", not to the total " + total);
        }
        if (total > 0 && Math.max(candidates, counts.size()) < 2) {
            return 1.0;
        }
        if (counts.size() < 2) {
            return 0.0;
        }
        // At least two distinct memories were selected, so total and the bound are both at least 2.
        int reachable = Math.min(total, Math.max(candidates, counts.size()));
        double entropy = 0.0;
        for (int count : counts) {
            double p = (double) count / total;
            entropy -= p * Math.log(p);
        }
        return Math.min(1.0, entropy / Math.log(reachable));
    }
}

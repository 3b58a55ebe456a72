package dev.scms.router;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The diversity measure of the router: the Shannon entropy of which memories were selected over a
 * number of retrievals, divided by its maximum for that many selections.
 *
 * <pre>
 *   p_m = c_m / T,   H = -sum over m of p_m * ln(p_m),   normalised = H / ln(T)
 * </pre>
 *
 * where c_m counts the retrievals that returned memory m and T is the total number of selections.
 * H reaches ln(T) when every selection is a different memory, so the value is 1 for a perfect
 * spread and 0 when one memory is all that was ever returned. With fewer than two distinct
 * memories it is 0.
 */
public final class SelectionEntropy {

    private SelectionEntropy() {
    }

    /** Returns the normalised entropy of the selections, each one the list of ids one retrieval returned. */
    public static double of(Collection<? extends Collection<Long>> selections) {
        Map<Long, Integer> counts = new HashMap<>();
        int total = 0;
        for (Collection<Long> selection : selections) {
            for (Long id : selection) {
                counts.merge(id, 1, Integer::sum);
                total++;
            }
        }
        return normalised(counts.values(), total);
    }

    /**
     * Returns the normalised entropy of selection counts that sum to {@code total}.
     *
     * @throws IllegalArgumentException if a count is not positive or the counts do not sum to {@code total}
     */
    public static double normalised(Collection<Integer> counts, int total) {
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
        if (counts.size() < 2) {
            return 0.0;
        }
        double entropy = 0.0;
        for (int count : counts) {
            double p = (double) count / total;
            entropy -= p * Math.log(p);
        }
        return entropy / Math.log(total);
    }
}

package dev.scms.router;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongToIntFunction;
import java.util.random.RandomGenerator;

/**
 * Expert dropout: with probability p a retrieval leaves out its most-used pick in favour of the
 * next candidate, so that memories ranked just below the habitual winners are returned now and
 * then and get a chance to be used (exploration).
 *
 * <p>Given the ranked patterns that passed the gate and the number k a retrieval returns:
 * <ul>
 *   <li>the most-used pick is the entry with the highest helpful use count among the first k, and
 *       among equal counts the one ranked first, which has the higher score;</li>
 *   <li>the replacement is entry k + 1 of the list. A list of k entries or fewer has no
 *       replacement, so nothing is dropped;</li>
 *   <li>a pick without helpful uses is never dropped: with every count at 0 the "most used" pick
 *       would be the best match, and exploration would only hide it;</li>
 *   <li>each call with p &gt; 0 draws exactly one number from the random source, with or without a
 *       replacement, so a seeded source repeats the same decisions for the same retrievals.</li>
 * </ul>
 *
 * <p>Calls are serialised because the usual random sources are not thread-safe.
 */
public final class Dropout {

    /** A dropout decision: the memory left out and the candidate that takes its place. */
    public record Choice(long droppedId, long replacementId) {
    }

    private final double probability;
    private final RandomGenerator random;

    /**
     * @param probability the chance p in [0, 1] that a retrieval drops its most-used pick; 0 is off
     * @param random the random source, seeded by the caller for reproducible runs
     */
    public Dropout(double probability, RandomGenerator random) {
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("dropout probability must lie in [0, 1], got " + probability);
        }
        this.probability = probability;
        this.random = Objects.requireNonNull(random, "random");
    }

    public double probability() {
        return probability;
    }

    /**
     * Decides whether this retrieval drops a pick and, if so, which one.
     *
     * @param ranked the patterns that passed the gate, best first
     * @param k how many patterns the retrieval returns
     * @param helpfulUses the helpful use count of a memory id in {@code ranked}
     * @return the choice, or empty when the draw keeps the picks or no replacement exists
     */
    public synchronized Optional<Choice> choose(List<Scored> ranked, int k, LongToIntFunction helpfulUses) {
        Objects.requireNonNull(ranked, "ranked");
        Objects.requireNonNull(helpfulUses, "helpfulUses");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (probability == 0.0) {
            return Optional.empty();
        }
        // nextDouble() lies in [0, 1), so p = 1 always drops.
        boolean drop = random.nextDouble() < probability;
        if (!drop || ranked.size() <= k) {
            return Optional.empty();
        }
        long mostUsed = mostUsed(ranked, k, helpfulUses);
        if (helpfulUses.applyAsInt(mostUsed) == 0) {
            return Optional.empty();
        }
        return Optional.of(new Choice(mostUsed, ranked.get(k).id()));
    }

    private static long mostUsed(List<Scored> ranked, int k, LongToIntFunction helpfulUses) {
        long mostUsedId = ranked.get(0).id();
        int maxUses = helpfulUses.applyAsInt(mostUsedId);
        for (int i = 1; i < k; i++) {
            long id = ranked.get(i).id();
            int uses = helpfulUses.applyAsInt(id);
            if (uses > maxUses) {
                mostUsedId = id;
                maxUses = uses;
            }
        }
        return mostUsedId;
    }
}

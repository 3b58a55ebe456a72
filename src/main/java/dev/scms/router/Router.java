package dev.scms.router;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Scores the memories in scope for one query and selects the best of them.
 *
 * <p>The formula, for a candidate m at time t (every term lies in [0, 1], and {@code lb} in [0, lambda_lb]):
 *
 * <pre>
 *   cos       = clamp(m.cosine, 0, 1)
 *   bm25_norm = m.bm25 / max(bm25 over all candidates passed in)     (0 when that max is 0)
 *   rel       = (1 - w_lex) * cos + w_lex * bm25_norm
 *   gate      : only candidates with rel &gt;= min_relevance are scored and returned
 *   temp      = exp(-lambda * days(t - m.lastTouched)),  lambda = ln 2 / half_life_days
 *   use       = ln(1 + n) / ln(1 + n_max)                             (0 when n_max is 0)
 *   lb        = lambda_lb * importance * (1 - n / n_max)              (n / n_max taken as 0 when n_max is 0)
 *   score     = alpha * rel + beta * temp + gamma * use + lb
 * </pre>
 *
 * where n is the candidate's helpful use count and n_max the maximum over the whole scope.
 *
 * <p>Reasons:
 * <ul>
 *   <li>A negative cosine means "unrelated", not "anti-relevant", so it is clamped to 0. Keeping
 *       every term in [0, 1] makes alpha, beta and gamma comparable.</li>
 *   <li>Raw BM25 has no fixed scale across queries, so it is divided by the best match of this
 *       query. The maximum is taken over every candidate passed in, before the gate, because the
 *       gate itself depends on the normalised value.</li>
 *   <li>The gate lets the temporal and usage terms re-rank relevant memories but never pull in an
 *       unrelated one, however often it was used. A retrieval may therefore return fewer than k.</li>
 *   <li>The half-life gives the decay a unit: a memory untouched for one half-life keeps half its
 *       temporal weight. Days are fractional. A last-touched time in the future (clock skew between
 *       processes) counts as 0 days, so {@code temp} never exceeds 1.</li>
 *   <li>The logarithm damps heavy use so that a few popular memories do not dominate. n_max comes
 *       from the caller because the candidates are only part of the scope. An n above n_max is
 *       clamped, so {@code use} stays in [0, 1] and {@code lb} never turns negative.</li>
 *   <li>Load balancing gives important but rarely used memories a chance, so the selection does not
 *       collapse onto a few; {@code lambda_lb = 0} switches it off.</li>
 *   <li>Ties break on id ascending, so every process returns the same order for the same data.</li>
 * </ul>
 *
 * <p>{@link #top} keeps a bounded heap of k entries, which costs O(n log k) instead of the full sort
 * of {@link #rank}, and returns the same list as the first k entries of {@link #rank}.
 */
public final class Router {

    /** Best first: score descending, then id ascending. */
    static final Comparator<Scored> BEST_FIRST =
            Comparator.comparingDouble(Scored::score).reversed().thenComparingLong(Scored::id);

    private final RouterSettings settings;
    private final double lambdaPerDay;

    public Router(RouterSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.lambdaPerDay = Math.log(2.0) / settings.halfLifeDays();
    }

    public RouterSettings settings() {
        return settings;
    }

    /**
     * Scores every candidate that passes the relevance gate and sorts them by score descending,
     * then id ascending.
     *
     * @param maxHelpfulUses the maximum helpful use count over the whole scope, not only these candidates
     * @throws IllegalArgumentException if an argument is null, {@code maxHelpfulUses} is negative, or a
     *         candidate has a non-finite cosine or BM25, a negative BM25, an importance outside [0, 1]
     *         or an id that appears twice
     */
    public List<Scored> rank(List<Candidate> candidates, Instant now, int maxHelpfulUses) {
        List<Scored> passed = scoreAll(candidates, now, maxHelpfulUses);
        passed.sort(BEST_FIRST);
        return List.copyOf(passed);
    }

    /**
     * Returns the k best candidates that pass the relevance gate, in the order of {@link #rank}. The
     * list is shorter than k when fewer pass.
     *
     * @throws IllegalArgumentException if {@code k < 1}, or for the reasons given at {@link #rank}
     */
    public List<Scored> top(List<Candidate> candidates, Instant now, int maxHelpfulUses, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        List<Scored> passed = scoreAll(candidates, now, maxHelpfulUses);
        // The head of the heap is the worst entry kept so far, so a better candidate replaces it.
        PriorityQueue<Scored> heap = new PriorityQueue<>(Math.max(1, Math.min(k, passed.size())),
                BEST_FIRST.reversed());
        for (Scored scored : passed) {
            if (heap.size() < k) {
                heap.add(scored);
            } else if (BEST_FIRST.compare(scored, heap.peek()) < 0) {
                heap.poll();
                heap.add(scored);
            }
        }
        List<Scored> best = new ArrayList<>(heap);
        best.sort(BEST_FIRST);
        return List.copyOf(best);
    }

    /**
     * Computes the score breakdown of one candidate without applying the gate, so a caller can see
     * why a memory was or was not selected ({@code rel} below {@code settings().minRelevance()}).
     *
     * @param maxBm25 the maximum raw BM25 over the candidate set, as returned by {@link #maxBm25}
     */
    public ScoreBreakdown explain(Candidate candidate, double maxBm25, Instant now, int maxHelpfulUses) {
        Objects.requireNonNull(candidate, "candidate");
        checkCandidate(candidate);
        if (!Double.isFinite(maxBm25) || maxBm25 < 0.0) {
            throw new IllegalArgumentException("max BM25 must be a finite number >= 0, got " + maxBm25);
        }
        checkTimeAndScope(now, maxHelpfulUses);
        return breakdown(candidate, maxBm25, now, maxHelpfulUses);
    }

    /** Returns the maximum raw BM25 score of the candidates, 0 for an empty list. */
    public static double maxBm25(List<Candidate> candidates) {
        double max = 0.0;
        for (Candidate candidate : candidates) {
            max = Math.max(max, candidate.bm25());
        }
        return max;
    }

    private List<Scored> scoreAll(List<Candidate> candidates, Instant now, int maxHelpfulUses) {
        checkCandidates(candidates);
        checkTimeAndScope(now, maxHelpfulUses);
        double maxBm25 = maxBm25(candidates);
        List<Scored> passed = new ArrayList<>();
        for (Candidate candidate : candidates) {
            ScoreBreakdown breakdown = breakdown(candidate, maxBm25, now, maxHelpfulUses);
            if (breakdown.rel() >= settings.minRelevance()) {
                passed.add(new Scored(candidate.id(), breakdown));
            }
        }
        return passed;
    }

    private ScoreBreakdown breakdown(Candidate candidate, double maxBm25, Instant now, int maxHelpfulUses) {
        double cos = Terms.clampedCosine(candidate.cosine());
        double bm25 = Terms.normalisedBm25(candidate.bm25(), maxBm25);
        double rel = Terms.relevance(cos, bm25, settings.lexicalWeight());
        double temp = Terms.temporal(candidate.lastTouched(), now, lambdaPerDay);
        double use = Terms.usage(candidate.helpfulUses(), maxHelpfulUses);
        double lb = Terms.loadBalancing(settings.loadBalancing(), candidate.importance(),
                candidate.helpfulUses(), maxHelpfulUses);
        Weights weights = settings.weights();
        double score = weights.alpha() * rel + weights.beta() * temp + weights.gamma() * use + lb;
        return new ScoreBreakdown(rel, cos, bm25, temp, use, lb, score);
    }

    private static void checkCandidates(List<Candidate> candidates) {
        if (candidates == null) {
            throw new IllegalArgumentException("candidates must not be null");
        }
        Set<Long> ids = new HashSet<>();
        for (Candidate candidate : candidates) {
            if (candidate == null) {
                throw new IllegalArgumentException("candidates must not contain null");
            }
            checkCandidate(candidate);
            if (!ids.add(candidate.id())) {
                throw new IllegalArgumentException("candidate id " + candidate.id() + " appears more than once");
            }
        }
    }

    private static void checkCandidate(Candidate candidate) {
        long id = candidate.id();
        if (!Double.isFinite(candidate.cosine())) {
            throw new IllegalArgumentException(
                    "candidate " + id + " has an invalid cosine (expected a finite number): " + candidate.cosine());
        }
        if (!Double.isFinite(candidate.bm25()) || candidate.bm25() < 0.0) {
            throw new IllegalArgumentException(
                    "candidate " + id + " has an invalid BM25 score (expected finite and >= 0): " + candidate.bm25());
        }
        if (!(candidate.importance() >= 0.0 && candidate.importance() <= 1.0)) {
            throw new IllegalArgumentException(
                    "candidate " + id + " has an importance outside [0, 1]: " + candidate.importance());
        }
    }

    private static void checkTimeAndScope(Instant now, int maxHelpfulUses) {
        if (now == null) {
            throw new IllegalArgumentException("now must not be null");
        }
        if (maxHelpfulUses < 0) {
            throw new IllegalArgumentException("max helpful uses must not be negative, got " + maxHelpfulUses);
        }
    }
}

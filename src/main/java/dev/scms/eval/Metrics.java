package dev.scms.eval;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Retrieval metrics over a set of queries, computed from the 1-based ranks at which relevant
 * memories came back. Hit@k is the share of queries with a relevant memory in the top k, P@3
 * the relevant share of the top 3, and MRR the mean reciprocal rank of the first relevant
 * memory. nDCG@10 uses binary gains. {@code meanReturned} and {@code meanTokens} are the mean
 * memories and estimated tokens returned per query; the times are the median and the 95th
 * percentile (nearest rank) of the retrieval time in milliseconds. {@code recallVsFull} is
 * present for hierarchical presets only: the mean share of the full scan's top k that the
 * hierarchical retrieval also returned.
 */
public record Metrics(String preset, int queries, double hitAt1, double hitAt3, double hitAt5, double precisionAt3,
        double mrr, double ndcgAt10, double meanReturned, double meanTokens, double medianMillis, double p95Millis,
        Optional<Double> recallVsFull) {

    public Metrics {
        Objects.requireNonNull(recallVsFull, "recallVsFull");
    }

    /**
     * The outcome of one query: ranks of the relevant memories returned, how many relevant
     * exist, what came back, how long the retrieval took in milliseconds and, for a
     * hierarchical preset, its recall against the full scan.
     */
    record QueryOutcome(List<Integer> relevantRanks, int relevantCount, int returned, int tokens, double millis,
            Optional<Double> recallVsFull) {

        QueryOutcome {
            relevantRanks = List.copyOf(relevantRanks);
            Objects.requireNonNull(recallVsFull, "recallVsFull");
        }

        QueryOutcome(List<Integer> relevantRanks, int relevantCount, int returned, int tokens, double millis) {
            this(relevantRanks, relevantCount, returned, tokens, millis, Optional.empty());
        }
    }

    static Metrics of(String preset, List<QueryOutcome> outcomes) {
        int n = outcomes.size();
        if (n == 0) {
            return new Metrics(preset, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Optional.empty());
        }
        double hit1 = 0;
        double hit3 = 0;
        double hit5 = 0;
        double p3 = 0;
        double mrr = 0;
        double ndcg = 0;
        double returned = 0;
        double tokens = 0;
        for (QueryOutcome outcome : outcomes) {
            int first = outcome.relevantRanks().stream().mapToInt(Integer::intValue).min().orElse(0);
            hit1 += first == 1 ? 1 : 0;
            hit3 += first >= 1 && first <= 3 ? 1 : 0;
            hit5 += first >= 1 && first <= 5 ? 1 : 0;
            p3 += outcome.relevantRanks().stream().filter(rank -> rank <= 3).count() / 3.0;
            mrr += first >= 1 ? 1.0 / first : 0.0;
            ndcg += ndcgAt10(outcome);
            returned += outcome.returned();
            tokens += outcome.tokens();
        }
        double[] millis = outcomes.stream().mapToDouble(QueryOutcome::millis).sorted().toArray();
        return new Metrics(preset, n, hit1 / n, hit3 / n, hit5 / n, p3 / n, mrr / n, ndcg / n, returned / n,
                tokens / n, median(millis), percentile(millis, 0.95), meanRecall(outcomes));
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Returns the nearest-rank percentile: the smallest value with at least that share of values at or below it. */
    private static double percentile(double[] sorted, double share) {
        int rank = (int) Math.ceil(share * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Returns the mean recall over the queries that measured one, empty when none did. */
    private static Optional<Double> meanRecall(List<QueryOutcome> outcomes) {
        double sum = 0;
        int count = 0;
        for (QueryOutcome outcome : outcomes) {
            if (outcome.recallVsFull().isPresent()) {
                sum += outcome.recallVsFull().get();
                count++;
            }
        }
        return count == 0 ? Optional.empty() : Optional.of(sum / count);
    }

    private static double ndcgAt10(QueryOutcome outcome) {
        double dcg = 0;
        for (int rank : outcome.relevantRanks()) {
            if (rank <= 10) {
                dcg += 1.0 / log2(rank + 1);
            }
        }
        double ideal = 0;
        for (int rank = 1; rank <= Math.min(10, outcome.relevantCount()); rank++) {
            ideal += 1.0 / log2(rank + 1);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    private static double log2(double value) {
        return Math.log(value) / Math.log(2);
    }
}

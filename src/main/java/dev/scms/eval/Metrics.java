package dev.scms.eval;

import java.util.List;

/**
 * Retrieval metrics over a set of queries, computed from the 1-based ranks at which relevant
 * memories came back. Hit@k is the share of queries with a relevant memory in the top k, P@3
 * the relevant share of the top 3, and MRR the mean reciprocal rank of the first relevant
 * memory. nDCG@10 uses binary gains. The last two figures are the mean memories and the mean
 * estimated tokens returned per query.
 */
public record Metrics(String preset, int queries, double hitAt1, double hitAt3, double hitAt5, double precisionAt3,
        double mrr, double ndcgAt10, double meanReturned, double meanTokens, double medianMillis) {

    /**
     * The outcome of one query: ranks of the relevant memories returned, how many relevant
     * exist, what came back and how long the retrieval took in milliseconds.
     */
    record QueryOutcome(List<Integer> relevantRanks, int relevantCount, int returned, int tokens, double millis) {
    }

    static Metrics of(String preset, List<QueryOutcome> outcomes) {
        int n = outcomes.size();
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
        return n == 0 ? new Metrics(preset, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                : new Metrics(preset, n, hit1 / n, hit3 / n, hit5 / n, p3 / n, mrr / n, ndcg / n, returned / n,
                        tokens / n, median(outcomes));
    }

    private static double median(List<QueryOutcome> outcomes) {
        double[] millis = outcomes.stream().mapToDouble(QueryOutcome::millis).sorted().toArray();
        int middle = millis.length / 2;
        return millis.length % 2 == 1 ? millis[middle] : (millis[middle - 1] + millis[middle]) / 2;
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

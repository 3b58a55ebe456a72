package dev.scms.store.sqlite;

import dev.scms.model.ProjectKey;
import dev.scms.store.LexicalHit;
import dev.scms.store.QueryTerms;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the query that {@link FtsQuery} builds on a {@link TextIndex}, with the ranking of
 * {@link MemoryQueries#search}: the BM25 score of SQLite's {@code bm25()} with the column weights,
 * best first, ties broken by id.
 *
 * <p>FTS5 computes, for a query of phrases p with a row D:
 * {@code score = sum over p of idf(p) * f(p,D) * (k1 + 1) / (f(p,D) + k1 * (1 - b + b * |D| / avgdl))},
 * with k1 = 1.2 and b = 0.75, {@code idf(p) = ln((N - n(p) + 0.5) / (n(p) + 0.5))} raised to
 * 1e-6 when not positive, N the rows of the table, n(p) the rows holding p, f(p,D) the
 * occurrences of p weighted by the weight of their column, |D| the tokens of the row and avgdl
 * the tokens of the table over N. N, n(p) and avgdl count every row, archived memories and other
 * projects included, as FTS5 does. The arithmetic follows FTS5's order, so the scores agree to
 * the last bits except where the two logarithms round apart.
 */
final class TextIndexQuery {

    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final double MIN_IDF = 1e-6;

    private TextIndexQuery() {
    }

    /** Returns the hits, or empty when a phrase of the query is neither one token nor two. */
    static Optional<List<LexicalHit>> search(TextIndex index, QueryTerms terms, Optional<ProjectKey> project,
            int limit, double[] weights) {
        List<Integer> lists = new ArrayList<>();
        for (String word : terms.words()) {
            List<String> tokens = Fts5Tokenizer.tokens(word);
            if (tokens.size() != 1) {
                return Optional.empty();
            }
            lists.add(index.tokenList(tokens.get(0)));
        }
        for (String phrase : terms.phrases()) {
            List<String> tokens = Fts5Tokenizer.tokens(phrase);
            if (tokens.size() != 2) {
                return Optional.empty();
            }
            lists.add(index.pairList(tokens.get(0), tokens.get(1)));
        }
        return Optional.of(ranked(index, lists, project, limit, weights));
    }

    private static List<LexicalHit> ranked(TextIndex index, List<Integer> lists, Optional<ProjectKey> project,
            int limit, double[] weights) {
        long rows = index.rows();
        if (rows == 0) {
            return List.of();
        }
        long[] totals = index.columnTotals();
        double avgdl = (double) (totals[0] + totals[1] + totals[2]) / (double) rows;
        double[] scores = new double[index.slots()];
        boolean[] matched = new boolean[index.slots()];
        for (int list : lists) {
            int[] postings = index.postings(list);
            int used = index.postingInts(list);
            long hits = 0;
            for (int i = 0; i < used; i += 2) {
                if (index.isLive(postings[i])) {
                    hits++;
                }
            }
            double idf = Math.log((rows - hits + 0.5) / (hits + 0.5));
            if (idf <= 0.0) {
                idf = MIN_IDF;
            }
            for (int i = 0; i < used; i += 2) {
                int slot = postings[i];
                if (index.isLive(slot)) {
                    double frequency = frequency(postings[i + 1], weights);
                    double length = index.length(slot);
                    scores[slot] += idf * ((frequency * (K1 + 1.0)) / (frequency + K1 * (1 - B + B * length / avgdl)));
                    matched[slot] = true;
                }
            }
        }
        int scope = project.map(key -> index.projectId(key.value())).orElse(-1);
        TopHits top = new TopHits(limit, scores, index);
        for (int slot = 0; slot < matched.length; slot++) {
            if (matched[slot] && index.isActive(slot) && (index.project(slot) == -1 || index.project(slot) == scope)) {
                top.offer(slot);
            }
        }
        return top.hits();
    }

    /** Returns the weights of the occurrences summed one by one in column order, as FTS5 sums them. */
    private static double frequency(int packed, double[] weights) {
        double frequency = 0.0;
        for (int column = 0; column < 3; column++) {
            for (int n = TextIndex.count(packed, column); n > 0; n--) {
                frequency += weights[column];
            }
        }
        return frequency;
    }
}

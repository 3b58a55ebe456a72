package dev.scms.router;

/**
 * Why a memory scored as it did: {@code cos} clamped to [0, 1], {@code bm25} normalised over
 * the candidate set, their fusion {@code rel}, the temporal term {@code temp}, the usage term
 * {@code use}, the load-balancing bonus {@code lb} and the final {@code score}.
 */
public record ScoreBreakdown(double rel, double cos, double bm25, double temp, double use, double lb,
        double score) {
}

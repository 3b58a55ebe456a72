package dev.scms.router;

/** A candidate that passed the relevance gate, with its score breakdown. */
public record Scored(long id, ScoreBreakdown breakdown) {

    public double score() {
        return breakdown.score();
    }
}

package dev.scms.router;

import java.time.Instant;
import java.util.Objects;

/**
 * What the router needs to know of one memory in scope: its cosine similarity to the query
 * (raw, in [-1, 1]), its raw BM25 score (0 when the lexical channel did not match it), when it
 * was last used (or created), its helpful use count and its importance in [0, 1].
 */
public record Candidate(long id, double cosine, double bm25, Instant lastTouched, int helpfulUses,
        double importance) {

    public Candidate {
        Objects.requireNonNull(lastTouched, "lastTouched");
        if (helpfulUses < 0) {
            throw new IllegalArgumentException("helpful uses must not be negative, got " + helpfulUses);
        }
    }
}

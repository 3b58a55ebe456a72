package dev.scms.core;

import dev.scms.model.Memory;
import dev.scms.router.ScoreBreakdown;

/**
 * A memory chosen by a retrieval: its rank (1-based within its list), score breakdown, the
 * text as returned (cut to the token budget when {@code truncated}) and its token estimate.
 */
public record RetrievedMemory(int rank, Memory memory, ScoreBreakdown breakdown, String text, boolean truncated,
        int tokens) {
}

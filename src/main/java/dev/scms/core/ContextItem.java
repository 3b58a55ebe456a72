package dev.scms.core;

import dev.scms.model.Memory;
import dev.scms.router.ScoreBreakdown;
import java.util.Objects;
import java.util.Optional;

/**
 * One memory in a context block: its text as given (cut to the budget when {@code truncated}),
 * its token estimate, and its score breakdown when the router ranked it.
 */
public record ContextItem(Memory memory, String text, boolean truncated, int tokens,
        Optional<ScoreBreakdown> breakdown) {

    public ContextItem {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(breakdown, "breakdown");
    }

    static ContextItem ranked(RetrievedMemory item) {
        return new ContextItem(item.memory(), item.text(), item.truncated(), item.tokens(),
                Optional.of(item.breakdown()));
    }

    static ContextItem whole(Memory memory) {
        return new ContextItem(memory, memory.body(), false, tokensOf(memory), Optional.empty());
    }

    /** Returns the token estimate of a whole memory with its framing, as {@link Selection} counts it. */
    static int tokensOf(Memory memory) {
        return Selection.OVERHEAD_TOKENS + Texts.estimateTokens(memory.title() + memory.body());
    }
}

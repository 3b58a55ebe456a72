package dev.scms.core;

import dev.scms.model.ProjectKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The context block of one prompt: the project's rules, the patterns and failures chosen for
 * it, warnings for known pitfalls among them, and how they were chosen.
 *
 * <p>{@code mode} is {@code hybrid} or {@code lexical} when the router ranked the patterns for
 * the prompt, {@code most-used} when they are the project's most used ones (no prompt), and
 * {@code rules-only} when no pattern was looked up. {@code retrievalId} is present when the
 * choice was logged as a retrieval. {@code omittedRules} counts rules left out for the budget.
 */
public record ContextBlock(ProjectKey project, List<ContextItem> rules, List<ContextItem> patterns,
        List<String> warnings, Optional<Long> retrievalId, String mode, Optional<String> notice, int omittedRules,
        int tokens) {

    public static final String HYBRID = "hybrid";
    public static final String LEXICAL = "lexical";
    public static final String MOST_USED = "most-used";
    public static final String RULES_ONLY = "rules-only";

    public ContextBlock {
        Objects.requireNonNull(project, "project");
        rules = List.copyOf(rules);
        patterns = List.copyOf(patterns);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(retrievalId, "retrievalId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(notice, "notice");
    }

    /** Returns true when the block contains no memory at all. */
    public boolean isEmpty() {
        return rules.isEmpty() && patterns.isEmpty();
    }
}

package dev.scms.core;

import dev.scms.model.ProjectKey;
import dev.scms.router.Dropout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The result of a retrieval: the project's L1 rules that passed the relevance gate, the top-k
 * L0 memories, warnings for known pitfalls among them, and the counts behind the sparsity.
 * {@code mode} is {@code hybrid} or {@code lexical}; {@code notice} explains a degraded result.
 * {@code dropout} names the most-used pattern that dropout left out and its replacement, when it did.
 * {@code routing} is {@code full} or {@code hierarchical}, and {@code scored} the number of memories
 * in scope that the router scored: all of them in a full scan, those of the nearest domains otherwise.
 * {@code retrievalId} is empty when the retrieval log row could not be written.
 */
public record RetrieveResult(Optional<Long> retrievalId, ProjectKey project, List<RetrievedMemory> rules,
        List<RetrievedMemory> memories, List<String> warnings, int considered, int passedGate, int tokens,
        String mode, Optional<String> notice, Optional<Dropout.Choice> dropout, String routing, int scored) {

    public RetrieveResult {
        rules = List.copyOf(rules);
        memories = List.copyOf(memories);
        warnings = List.copyOf(warnings);
    }

    public int returned() {
        return rules.size() + memories.size();
    }

    /** Returns the ids of the returned rules, then of the returned memories, as the retrieval log stores them. */
    public List<Long> returnedIds() {
        List<Long> ids = new ArrayList<>(returned());
        rules.forEach(item -> ids.add(item.memory().id()));
        memories.forEach(item -> ids.add(item.memory().id()));
        return ids;
    }

    /** Returns the share of memories in scope that this retrieval returned. */
    public double sparsity() {
        return considered == 0 ? 0.0 : (double) returned() / considered;
    }
}

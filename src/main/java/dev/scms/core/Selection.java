package dev.scms.core;

import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.ProjectKey;
import dev.scms.router.Scored;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Picks what a retrieval returns from the ranked list: up to {@link Retriever#MAX_RULES} rules
 * of the project, then the top-k L0 memories, within a token budget. Rules come first in the
 * budget because they are the project's standing instructions. A memory that does not fit
 * whole is cut when at least {@link #MIN_CUT_TOKENS} tokens remain, otherwise left out.
 */
record Selection(List<RetrievedMemory> rules, List<RetrievedMemory> memories, int tokens) {

    /**
     * Tokens of framing per memory: id, kind, provenance and score line.
     * NOTE: an estimate. The rendered framing and the result's header and footer are not
     * measured, so the returned text can exceed 4 characters per token of the budget.
     */
    static final int OVERHEAD_TOKENS = 30;
    static final int MIN_CUT_TOKENS = 40;

    static Selection of(List<Scored> ranked, Map<Long, Memory> byId, ProjectKey project, int k, int maxTokens) {
        List<Scored> ruleHits = new ArrayList<>();
        List<Scored> memoryHits = new ArrayList<>();
        for (Scored scored : ranked) {
            Memory memory = byId.get(scored.id());
            if (Retriever.isRuleOf(memory, project) && ruleHits.size() < Retriever.MAX_RULES) {
                ruleHits.add(scored);
            } else if (memory.layer() == Layer.L0 && memoryHits.size() < k) {
                memoryHits.add(scored);
            }
        }
        Budget budget = new Budget(maxTokens);
        List<RetrievedMemory> rules = budget.take(ruleHits, byId);
        List<RetrievedMemory> memories = budget.take(memoryHits, byId);
        return new Selection(rules, memories, maxTokens - budget.left);
    }

    /** Returns this selection with {@code tokens} as its size, for a size measured on the rendered text. */
    Selection withTokens(int measured) {
        return new Selection(rules, memories, measured);
    }

    List<Long> ids() {
        List<Long> ids = new ArrayList<>(rules.size() + memories.size());
        rules.forEach(item -> ids.add(item.memory().id()));
        memories.forEach(item -> ids.add(item.memory().id()));
        return ids;
    }

    private static final class Budget {
        private int left;

        Budget(int maxTokens) {
            this.left = maxTokens;
        }

        List<RetrievedMemory> take(List<Scored> hits, Map<Long, Memory> byId) {
            List<RetrievedMemory> taken = new ArrayList<>();
            for (Scored scored : hits) {
                Memory memory = byId.get(scored.id());
                int whole = OVERHEAD_TOKENS + Texts.estimateTokens(memory.title() + memory.body());
                if (whole <= left) {
                    taken.add(new RetrievedMemory(taken.size() + 1, memory, scored.breakdown(), memory.body(), false,
                            whole));
                    left -= whole;
                    continue;
                }
                int room = left - OVERHEAD_TOKENS - Texts.estimateTokens(memory.title());
                if (room < MIN_CUT_TOKENS) {
                    break;
                }
                String cut = Texts.truncate(memory.body(), room * 4);
                int tokens = OVERHEAD_TOKENS + Texts.estimateTokens(memory.title() + cut);
                taken.add(new RetrievedMemory(taken.size() + 1, memory, scored.breakdown(), cut, true, tokens));
                left -= tokens;
                break;
            }
            return taken;
        }
    }
}

package dev.scms.core;

import dev.scms.model.Memory;
import dev.scms.rules.RulesFiles;
import dev.scms.store.Promotion;
import java.util.List;

/**
 * The rule a promotion created (or found from an earlier promotion), the recorded promotion, and
 * the rules files that {@code rules_sync} created or changed afterwards.
 */
public record PromoteResult(Memory rule, Promotion promotion, boolean alreadyPromoted,
        List<RulesFiles.Outcome> rulesFiles) {

    public PromoteResult {
        rulesFiles = List.copyOf(rulesFiles);
    }
}

package dev.scms.core;

import dev.scms.model.Memory;
import dev.scms.rules.RulesFiles;
import dev.scms.store.Promotion;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rule a promotion created (or found from an earlier promotion), the recorded promotion, the
 * rules files that {@code rules_sync} created or changed afterwards, and the count by kind of the
 * secrets redacted in the rule wording of the request.
 */
public record PromoteResult(Memory rule, Promotion promotion, boolean alreadyPromoted,
        List<RulesFiles.Outcome> rulesFiles, Map<String, Integer> redacted) {

    public PromoteResult {
        rulesFiles = List.copyOf(rulesFiles);
        redacted = Collections.unmodifiableMap(new TreeMap<>(redacted));
    }
}

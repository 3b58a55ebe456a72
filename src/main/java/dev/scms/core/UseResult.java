package dev.scms.core;

import dev.scms.model.Memory;
import dev.scms.model.ProjectKey;
import dev.scms.promotion.Eligibility;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The counts after a use and, for an L0 memory, its promotion eligibility in the project.
 * {@code justEligible} is true when this use made it eligible. {@code promotion} is set when
 * auto-promotion turned it into a rule. {@code alreadyRecorded} is true when this user had
 * already recorded a use of the memory from the same retrieval, and nothing was counted.
 * {@code existingRule} is the id of the active rule that an earlier promotion of the memory
 * into the project created. {@code redacted} counts the secrets replaced in the note, by kind.
 */
public record UseResult(Memory memory, ProjectKey project, Optional<Eligibility> eligibility, boolean justEligible,
        Optional<PromoteResult> promotion, boolean alreadyRecorded, Optional<Long> existingRule,
        Map<String, Integer> redacted) {

    public UseResult {
        redacted = Collections.unmodifiableMap(new TreeMap<>(redacted));
    }
}

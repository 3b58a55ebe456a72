package dev.scms.core;

import dev.scms.config.Settings;
import dev.scms.model.Memory;
import dev.scms.model.ProjectKey;
import dev.scms.promotion.Eligibility;
import dev.scms.promotion.PromotionEvidence;
import dev.scms.promotion.PromotionPolicy;
import dev.scms.store.MemoryStore;
import dev.scms.store.ProjectInfo;
import dev.scms.store.UseEvidence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Gathers the evidence for promoting a pattern into a project and checks it against the policy. Only
 * helpful uses recorded in that project count; the team size is the configured one, else the
 * number of distinct users who recorded any use in the project.
 */
final class PromotionCheck {

    private final MemoryStore store;
    private final PromotionPolicy policy;
    private final Settings settings;
    private final Clock clock;

    PromotionCheck(MemoryStore store, PromotionPolicy policy, Settings settings, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
    }

    PromotionPolicy policy() {
        return policy;
    }

    PromotionEvidence evidence(Memory pattern, ProjectKey project) {
        Instant now = clock.instant();
        ProjectInfo info = store.ensureProject(project, ProjectResolver.rootOf(project), now);
        UseEvidence uses = store.useEvidence(pattern.id(), java.util.Optional.of(project));
        int teamSize = settings.teamSize().orElseGet(() -> Math.max(1, store.distinctUsers(project)));
        long ageDays = Math.max(0, Duration.between(info.createdAt(), now).toDays());
        return new PromotionEvidence(uses.helpfulUses(), uses.distinctHelpfulUsers(), teamSize, ageDays,
                pattern.domain());
    }

    Eligibility check(Memory pattern, ProjectKey project) {
        return policy.check(evidence(pattern, project));
    }
}

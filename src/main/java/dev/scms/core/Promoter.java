package dev.scms.core;

import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.NewMemory;
import dev.scms.model.ProjectKey;
import dev.scms.promotion.Eligibility;
import dev.scms.promotion.Plural;
import dev.scms.promotion.PromotionEvidence;
import dev.scms.rules.RulesFiles;
import dev.scms.store.MemoryNotFoundException;
import dev.scms.store.MemoryStore;
import dev.scms.store.Promotion;
import dev.scms.store.StoredEmbedding;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The promote use case: turns a validated L0 memory into an L1 rule of a project, links the
 * rule to its pattern and records the evidence. It rejects a pattern that is not yet eligible
 * with the missing counts, unless forced; a forced promotion is recorded as such.
 */
public final class Promoter {

    private static final Logger LOG = LoggerFactory.getLogger(Promoter.class);

    private final MemoryStore store;
    private final MemoryWriter writer;
    private final ProjectResolver projects;
    private final PromotionCheck check;
    private final RulesAutoSync rulesSync;
    private final Clock clock;

    /** The title and body of the rule to create, already sanitised and redacted. */
    private record RuleText(String title, String body) {
    }

    Promoter(MemoryStore store, MemoryWriter writer, ProjectResolver projects, PromotionCheck check,
            RulesAutoSync rulesSync, Clock clock) {
        this.rulesSync = rulesSync;
        this.store = store;
        this.writer = writer;
        this.projects = projects;
        this.check = check;
        this.clock = clock;
    }

    public PromoteResult promote(PromoteRequest request, ProjectContext context) {
        return promoteInto(request, projects.resolve(request.project(), context));
    }

    /**
     * Promotes into an already resolved project; the request's project argument is ignored. The
     * check for an earlier promotion into the project, the eligibility counts and the insert of
     * the rule run in one write transaction. Concurrent calls on one pattern, from one process or
     * several, therefore create one rule, and the other calls return it as already promoted.
     */
    PromoteResult promoteInto(PromoteRequest request, ProjectKey project) {
        Memory pattern = store.find(request.memoryId()).orElseThrow(() -> new MemoryNotFoundException(request
                .memoryId()));
        requirePromotable(pattern);
        Optional<Redaction> wording = request.rule().filter(text -> !text.isBlank()).map(text -> SecretRedactor
                .redact(Texts.sanitise(text.strip())));
        String body = wording.map(Redaction::text).orElse(pattern.body());
        String title = wording.map(redaction -> Texts.deriveTitle(redaction.text())).orElse(pattern.title());
        Optional<StoredEmbedding> embedding = writer.embed(title, body);
        PromoteResult result = store.inWriteTransaction("promotion of memory " + pattern.id(),
                () -> promoteOnce(request, project, new RuleText(title, body), embedding));
        if (result.alreadyPromoted()) {
            return result;
        }
        List<RulesFiles.Outcome> written = rulesSync.after("promotion of memory " + pattern.id(), project);
        Memory created = store.find(result.rule().id()).orElseThrow(() -> new MemoryNotFoundException(result.rule()
                .id()));
        return new PromoteResult(created, result.promotion(), false, written, wording.map(Redaction::counts)
                .orElse(Map.of()));
    }

    private PromoteResult promoteOnce(PromoteRequest request, ProjectKey project, RuleText text,
            Optional<StoredEmbedding> embedding) {
        Memory pattern = store.find(request.memoryId()).orElseThrow(() -> new MemoryNotFoundException(request
                .memoryId()));
        requirePromotable(pattern);
        Optional<PromoteResult> earlier = earlierPromotion(pattern, project);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        PromotionEvidence evidence = check.evidence(pattern, project);
        Eligibility eligibility = check.policy().check(evidence);
        if (!eligibility.eligible() && !request.force()) {
            throw new NotEligibleException(notEligibleMessage(pattern, project, evidence, eligibility));
        }
        return create(pattern, project, request, text, embedding, evidence, eligibility);
    }

    private PromoteResult create(Memory pattern, ProjectKey project, PromoteRequest request, RuleText text,
            Optional<StoredEmbedding> embedding, PromotionEvidence evidence, Eligibility eligibility) {
        Instant now = clock.instant();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("promoted_from", pattern.id());
        pattern.source().ifPresent(source -> details.put("source", source));
        NewMemory rule = new NewMemory(Layer.L1, Kind.RULE, text.title(), text.body(), details, pattern.domain(),
                Optional.of(project), pattern.tags(), pattern.importance(), now, Texts.contentHash(Kind.RULE
                        .wireName(), text.body()), Optional.empty());
        boolean forced = !eligibility.eligible();
        String policy = forced ? check.policy().name() + "+force" : check.policy().name();
        Promotion promotion = store.promote(pattern.id(), rule, embedding, policy,
                evidenceMap(evidence, eligibility, forced, request.user()), now);
        LOG.info("Promoted memory {} into rule {} of project {} ({})", pattern.id(), promotion.ruleId(), project,
                policy);
        Memory created = store.find(promotion.ruleId()).orElseThrow(() -> new MemoryNotFoundException(promotion
                .ruleId()));
        return new PromoteResult(created, promotion, false, List.of(), Map.of());
    }

    /** Returns the active rule that promoted the pattern into the project earlier, if there is one. */
    Optional<PromoteResult> earlierPromotion(Memory pattern, ProjectKey project) {
        for (Promotion promotion : store.promotionsOf(pattern.id())) {
            Optional<Memory> rule = store.find(promotion.ruleId()).filter(Memory::isActive);
            if (promotion.project().equals(project) && rule.isPresent()) {
                return Optional.of(new PromoteResult(rule.get(), promotion, true, List.of(), Map.of()));
            }
        }
        return Optional.empty();
    }

    private static void requirePromotable(Memory pattern) {
        if (pattern.layer() != Layer.L0) {
            throw new InvalidInputException("memory_id", "memory " + pattern.id()
                    + " is already an L1 rule; only L0 memories can be promoted");
        }
        if (!pattern.isActive()) {
            throw new InvalidInputException("memory_id", "memory " + pattern.id()
                    + " is archived; restore it before promoting it");
        }
    }

    static String notEligibleMessage(Memory pattern, ProjectKey project, PromotionEvidence evidence,
            Eligibility eligibility) {
        return "memory " + pattern.id() + " is not yet eligible for promotion in project " + project + ": it has "
                + Plural.of(evidence.helpfulUses(), "helpful use") + " by " + Plural.of(evidence.distinctUsers(),
                        "user") + ", the policy needs " + Plural.of(eligibility.requirement().uses(), "helpful use")
                + " by at least " + Plural.of(eligibility.requirement().users(), "user") + ", so it needs "
                + eligibility.missing() + ". " + eligibility.requirement().explanation()
                + ". Record more helpful uses with record_use, or pass force=true to promote anyway.";
    }

    private static Map<String, Object> evidenceMap(PromotionEvidence evidence, Eligibility eligibility,
            boolean forced, Optional<String> user) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("helpful_uses", evidence.helpfulUses());
        map.put("distinct_users", evidence.distinctUsers());
        map.put("team_size", evidence.teamSize());
        map.put("project_age_days", evidence.projectAgeDays());
        map.put("required_uses", eligibility.requirement().uses());
        map.put("required_users", eligibility.requirement().users());
        map.put("explanation", eligibility.requirement().explanation());
        map.put("forced", forced);
        user.ifPresent(name -> map.put("user", name));
        return map;
    }
}

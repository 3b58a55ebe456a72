package dev.scms.core;

import dev.scms.config.Settings;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.Outcome;
import dev.scms.model.ProjectKey;
import dev.scms.model.Use;
import dev.scms.promotion.Eligibility;
import dev.scms.promotion.PromotionEvidence;
import dev.scms.store.MemoryNotFoundException;
import dev.scms.store.MemoryStore;
import dev.scms.store.RetrievalRecord;
import java.time.Clock;
import java.util.Optional;

/**
 * The record_use use case: the only way a memory's usage grows. The project of the use is the
 * argument, else the project of the retrieval it names, else the request's context. For an L0
 * memory the result carries its promotion eligibility in that project, and with auto-promotion
 * on, a memory that just became eligible is promoted at once.
 */
public final class UseRecorder {

    private final MemoryStore store;
    private final ProjectResolver projects;
    private final PromotionCheck check;
    private final Promoter promoter;
    private final Settings settings;
    private final Clock clock;

    UseRecorder(MemoryStore store, ProjectResolver projects, PromotionCheck check, Promoter promoter,
            Settings settings, Clock clock) {
        this.store = store;
        this.projects = projects;
        this.check = check;
        this.promoter = promoter;
        this.settings = settings;
        this.clock = clock;
    }

    public UseResult record(UseRequest request, ProjectContext context) {
        Memory memory = store.find(request.memoryId()).orElseThrow(() -> new MemoryNotFoundException(request
                .memoryId()));
        if (!memory.isActive()) {
            throw new InvalidInputException("memory_id", "memory " + memory.id()
                    + " is archived; restore it before recording uses");
        }
        Optional<RetrievalRecord> retrieval = request.retrievalId().flatMap(store::findRetrieval);
        if (request.retrievalId().isPresent() && retrieval.isEmpty()) {
            throw new InvalidInputException("retrieval_id", "retrieval " + request.retrievalId().get()
                    + " not found; pass the retrieval_id of a recent retrieve_memories result or leave it out");
        }
        if (retrieval.isPresent() && !retrieval.get().returnedIds().contains(memory.id())) {
            throw new InvalidInputException("retrieval_id", "retrieval " + retrieval.get().id()
                    + " did not return memory " + memory.id() + "; pass the retrieval_id of the result it came from,"
                    + " or leave retrieval_id out");
        }
        ProjectKey project = request.project().filter(text -> !text.isBlank())
                .map(text -> projects.resolve(Optional.of(text), context))
                .or(() -> retrieval.flatMap(RetrievalRecord::project))
                .orElseGet(() -> projects.resolve(Optional.empty(), context));
        String user = request.user().filter(name -> !name.isBlank()).map(String::strip).orElse(settings.user());
        Redaction note = SecretRedactor.redact(Texts.sanitise(request.note()));
        UseResult result = store.inWriteTransaction("record of a use of memory " + memory.id(),
                () -> recordOnce(request, memory, project, user, retrieval, note));
        if (!result.justEligible() || !settings.autoPromote() || result.existingRule().isPresent()) {
            return result;
        }
        PromoteResult promotion = promoter.promoteInto(new PromoteRequest(memory.id(), Optional.empty(),
                Optional.empty(), false, Optional.of(user)), project);
        Memory current = store.find(memory.id()).orElse(result.memory());
        return new UseResult(current, project, result.eligibility(), true, Optional.of(promotion), false,
                Optional.empty(), note.counts());
    }

    /**
     * Counts the use and reads the eligibility before and after it in one write transaction, so
     * exactly one of several concurrent uses finds that it made the pattern eligible.
     */
    private UseResult recordOnce(UseRequest request, Memory memory, ProjectKey project, String user,
            Optional<RetrievalRecord> retrieval, Redaction note) {
        boolean promotable = memory.layer() == Layer.L0;
        Optional<Long> existingRule = promotable ? existingRule(memory, project) : Optional.empty();
        if (retrieval.isPresent() && store.hasUse(memory.id(), retrieval.get().id(), user)) {
            // One retrieval counts once per memory and user, so a repeated call cannot inflate the counts.
            Optional<Eligibility> eligibility = promotable ? Optional.of(check.check(memory, project))
                    : Optional.empty();
            return new UseResult(memory, project, eligibility, false, Optional.empty(), true, existingRule,
                    note.counts());
        }
        boolean eligibleBefore = promotable && check.check(memory, project).eligible();
        Memory updated = store.recordUse(new Use(memory.id(), user, Optional.of(project), request.session(),
                request.outcome(), clock.instant(), request.retrievalId(), note.text()));
        if (!promotable) {
            return new UseResult(updated, project, Optional.empty(), false, Optional.empty(), false, existingRule,
                    note.counts());
        }
        PromotionEvidence evidence = check.evidence(updated, project);
        Eligibility eligibility = check.policy().check(evidence);
        boolean justEligible = eligibility.eligible() && !eligibleBefore && request.outcome() == Outcome.HELPFUL;
        return new UseResult(updated, project, Optional.of(eligibility), justEligible, Optional.empty(), false,
                existingRule, note.counts());
    }

    private Optional<Long> existingRule(Memory pattern, ProjectKey project) {
        return promoter.earlierPromotion(pattern, project).map(earlier -> earlier.rule().id());
    }
}

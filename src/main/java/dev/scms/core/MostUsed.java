package dev.scms.core;

import dev.scms.model.Kind;
import dev.scms.model.Memory;
import dev.scms.model.ProjectKey;
import dev.scms.router.ScoreBreakdown;
import dev.scms.router.Scored;
import dev.scms.store.MemoryStore;
import dev.scms.store.RetrievalRecord;
import dev.scms.store.VectorCache;
import dev.scms.store.VectorCache.CachedMemory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Selects what a session that names no task starts with: the memories of the project's scope
 * that were used most, without a query to rank by. Only memories with at least one helpful use
 * qualify, ranked by helpful uses, then by the latest use, then by id. Rules are left out because
 * the caller shows every rule of the project on its own.
 */
final class MostUsed {

    /** The query text logged for such a selection. */
    static final String QUERY = "(session start without a task: most used memories)";

    private final MemoryStore store;
    private final VectorCache cache;
    private final Clock clock;
    private final RetrievalLog log;

    MostUsed(MemoryStore store, VectorCache cache, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.clock = clock;
        this.log = new RetrievalLog(store, clock);
    }

    RetrieveResult select(ProjectKey project, int k, int maxTokens, String session) {
        Instant now = clock.instant();
        cache.refresh();
        List<CachedMemory> visible = Retriever.withoutPromotedPatterns(visible(cache.snapshot(), project), project);
        Map<Long, Memory> byId = new HashMap<>();
        visible.forEach(cached -> byId.put(cached.memory().id(), cached.memory()));

        List<Scored> ranked = rank(visible);
        Selection selection = Selection.of(ranked, byId, project, k, maxTokens);
        Optional<Long> retrievalId = log.write(new RetrievalRecord(0, session, Optional.of(project), QUERY,
                selection.ids(), visible.size(), selection.tokens(), now));
        String notice = "No task given: these are the memories of this project's scope with the most helpful uses, "
                + "not a search. Call retrieve_memories with the task for relevant ones.";
        return new RetrieveResult(retrievalId, project, selection.rules(), selection.memories(),
                Warnings.of(selection), visible.size(), ranked.size(), selection.tokens(), "usage",
                Optional.of(notice), Optional.empty(), "full", ranked.size());
    }

    private static List<CachedMemory> visible(List<CachedMemory> all, ProjectKey project) {
        List<CachedMemory> visible = new ArrayList<>();
        for (CachedMemory cached : all) {
            Memory memory = cached.memory();
            boolean inScope = memory.project().isEmpty() || memory.project().get().equals(project);
            if (memory.isActive() && inScope && memory.kind() != Kind.RULE) {
                visible.add(cached);
            }
        }
        return visible;
    }

    /** Ranks used memories by helpful uses; the breakdown carries the usage term of the router's formula. */
    private static List<Scored> rank(List<CachedMemory> visible) {
        List<Memory> used = new ArrayList<>();
        for (CachedMemory cached : visible) {
            if (cached.memory().helpfulCount() > 0) {
                used.add(cached.memory());
            }
        }
        used.sort(Comparator.comparingInt(Memory::helpfulCount).reversed()
                .thenComparing(Memory::lastTouched, Comparator.reverseOrder())
                .thenComparingLong(Memory::id));
        int maxHelpful = used.isEmpty() ? 0 : used.get(0).helpfulCount();
        List<Scored> ranked = new ArrayList<>(used.size());
        for (Memory memory : used) {
            double use = Math.log1p(memory.helpfulCount()) / Math.log1p(maxHelpful);
            ranked.add(new Scored(memory.id(), new ScoreBreakdown(0.0, 0.0, 0.0, 0.0, use, 0.0, use)));
        }
        return ranked;
    }
}

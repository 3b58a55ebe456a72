package dev.scms.core;

import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.ProjectKey;
import dev.scms.store.MemoryFilter;
import dev.scms.store.MemoryStore;
import dev.scms.store.RetrievalRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The context use case: builds the block an assistant hook puts in front of a prompt. It contains
 * the active L1 memories of the project, in id order and whole, as the budget allows. With a
 * prompt, the router ranks the L0 patterns and failures for it through {@link Scms#retrieve},
 * so the retrieval is logged like any other. Without a prompt, at the start of a session, the
 * patterns are the ones with the most helpful uses, and that choice is logged as a retrieval too.
 * Neither counts as use. When no L0 memory is visible from the project, no retrieval runs, so
 * the embedding model is never asked for.
 */
public final class ContextBuilder {

    /** Maximum length of the prompt text used as the query, because the retrieval log stores the query. */
    public static final int MAX_QUERY_CHARS = 2000;

    /** Query stored in the retrieval log for the choice made without a prompt. */
    static final String SESSION_START_QUERY = "(session start: most used patterns)";

    private static final int PAGE = 500;
    private static final int MIN_RETRIEVAL_TOKENS = 50;

    private final MemoryStore store;
    private final Scms scms;
    private final Clock clock;
    private final RetrievalLog retrievalLog;

    public ContextBuilder(MemoryStore store, Scms scms, Clock clock) {
        this.store = store;
        this.scms = scms;
        this.clock = clock;
        this.retrievalLog = new RetrievalLog(store, clock);
    }

    public ContextBlock build(ContextRequest request, ProjectContext context) {
        ProjectKey project = scms.projects().resolve(request.project(), context);
        List<Memory> rules = activeOf(project, Layer.L1).stream()
                .filter(memory -> Retriever.isRuleOf(memory, project)).toList();
        List<ContextItem> ruleItems = new ArrayList<>();
        int tokens = takeWhole(rules, request.maxTokens(), ruleItems);
        int left = request.maxTokens() - tokens;
        Patterns patterns = patterns(request, context, project, rules, left);
        List<Memory> returned = new ArrayList<>();
        ruleItems.forEach(item -> returned.add(item.memory()));
        patterns.items().forEach(item -> returned.add(item.memory()));
        return new ContextBlock(project, ruleItems, patterns.items(), Warnings.of(returned), patterns.retrievalId(),
                patterns.mode(), patterns.notice(), rules.size() - ruleItems.size(), tokens + patterns.tokens());
    }

    /** The patterns and failures of a block and how they were chosen. */
    private record Patterns(List<ContextItem> items, Optional<Long> retrievalId, String mode,
            Optional<String> notice, int tokens) {

        static Patterns none() {
            return new Patterns(List.of(), Optional.empty(), ContextBlock.RULES_ONLY, Optional.empty(), 0);
        }
    }

    private Patterns patterns(ContextRequest request, ProjectContext context, ProjectKey project, List<Memory> rules,
            int left) {
        if (left < MIN_RETRIEVAL_TOKENS || !anyVisible(project, Layer.L0)) {
            return Patterns.none();
        }
        if (request.query().isEmpty()) {
            return mostUsed(request, project, rules, left);
        }
        String query = Texts.truncate(request.query().get(), MAX_QUERY_CHARS);
        RetrieveResult result = scms.retrieve(new RetrieveRequest(query, request.project(), request.k(),
                Set.of(Layer.L0), Set.of(), left, request.session()), context);
        return new Patterns(result.memories().stream().map(ContextItem::ranked).toList(),
                result.retrievalId(), result.mode(), result.notice(), result.tokens());
    }

    /**
     * Picks the k patterns with the most helpful uses (ties: the most recently used, then the lower
     * id), leaving out those never used and those promoted to a rule of this project.
     */
    private Patterns mostUsed(ContextRequest request, ProjectKey project, List<Memory> rules, int left) {
        Set<Long> promoted = promotedPatterns(rules);
        List<Memory> visible = activeOf(project, Layer.L0);
        List<Memory> ranked = visible.stream()
                .filter(memory -> memory.helpfulCount() > 0 && !promoted.contains(memory.id()))
                .sorted(Comparator.comparingInt(Memory::helpfulCount).reversed()
                        .thenComparing(Memory::lastTouched, Comparator.reverseOrder())
                        .thenComparingLong(Memory::id))
                .limit(request.k())
                .toList();
        List<ContextItem> items = new ArrayList<>();
        int tokens = takeWhole(ranked, left, items);
        if (items.isEmpty()) {
            return new Patterns(List.of(), Optional.empty(), ContextBlock.MOST_USED, Optional.empty(), 0);
        }
        Instant now = clock.instant();
        List<Long> ids = items.stream().map(item -> item.memory().id()).toList();
        // A busy or read-only store still gets its context, without a retrieval id, as a retrieval does.
        Optional<Long> retrievalId = retrievalLog.write(new RetrievalRecord(0, request.session(), Optional.of(project),
                SESSION_START_QUERY, ids, visible.size(), tokens, now));
        return new Patterns(items, retrievalId, ContextBlock.MOST_USED, Optional.empty(), tokens);
    }

    /** Adds whole memories in order while they fit in the budget and returns the tokens they use. */
    private static int takeWhole(List<Memory> memories, int budget, List<ContextItem> accepted) {
        int used = 0;
        for (Memory memory : memories) {
            ContextItem item = ContextItem.whole(memory);
            if (used + item.tokens() <= budget) {
                accepted.add(item);
                used += item.tokens();
            }
        }
        return used;
    }

    private static Set<Long> promotedPatterns(List<Memory> rules) {
        Set<Long> promoted = new HashSet<>();
        for (Memory rule : rules) {
            if (rule.details().get("promoted_from") instanceof Number id) {
                promoted.add(id.longValue());
            }
        }
        return promoted;
    }

    private boolean anyVisible(ProjectKey project, Layer layer) {
        return !store.list(MemoryFilter.active(1).visibleFrom(project).withLayers(Set.of(layer))).isEmpty();
    }

    /** Returns the active memories of a layer visible from the project, global ones included, by id. */
    private List<Memory> activeOf(ProjectKey project, Layer layer) {
        MemoryFilter filter = MemoryFilter.active(PAGE).visibleFrom(project).withLayers(Set.of(layer));
        List<Memory> found = new ArrayList<>();
        List<Memory> page = store.list(filter);
        while (!page.isEmpty()) {
            found.addAll(page);
            page = page.size() < PAGE ? List.of() : store.list(filter.withOffset(found.size()));
        }
        found.sort(Comparator.comparingLong(Memory::id));
        return found;
    }
}

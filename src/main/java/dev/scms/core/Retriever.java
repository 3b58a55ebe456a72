package dev.scms.core;

import dev.scms.config.Settings;
import dev.scms.embed.Embedder;
import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.ProjectKey;
import dev.scms.router.Dropout;
import dev.scms.router.Router;
import dev.scms.router.Scored;
import dev.scms.store.VectorCache.CachedMemory;
import dev.scms.store.LexicalHit;
import dev.scms.store.MemoryStore;
import dev.scms.store.RetrievalRecord;
import dev.scms.store.SentenceScan;
import dev.scms.store.VectorCache;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The retrieve use case: scores the active memories visible from the project with the router
 * and returns the project's rules and the top-k patterns within a token budget. It computes the
 * cosine of every memory in scope, unless hierarchical routing narrows them to the domains
 * nearest the query, and scores those that can pass the gates ({@link CandidateFilter}).
 *
 * <p>Retrieval never counts as use: it logs the retrieval and raises retrieval counters only.
 * With dropout on, a retrieval may leave out its most-used pattern for the next candidate. The
 * memory left out is neither returned nor logged as returned.
 * Without the embedding model (still loading after the bounded wait, or failed), relevance is
 * BM25 alone and the result states it.
 */
public final class Retriever {

    /** Upper bound on the rules one retrieval returns, so a project with many rules stays sparse. */
    static final int MAX_RULES = 10;
    private static final int LEXICAL_CANDIDATES = 200;
    /** Runs the full-text searches; daemon threads, so a server can exit while one is idle. */
    private static final ExecutorService LEXICAL_SEARCH = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "scms-full-text-search");
        thread.setDaemon(true);
        return thread;
    });
    /** Rounds of shrinking the memories' budget; each removes the measured excess, so two or three suffice. */
    private static final int MAX_FIT_ROUNDS = 8;
    /** The id a draft is measured with: the longest an id can print, so the real text is never longer. */
    private static final Optional<Long> MEASURED_ID = Optional.of(Long.MAX_VALUE);

    private final MemoryStore store;
    private final VectorCache cache;
    private final EmbeddingSource embeddings;
    private final ProjectResolver projects;
    private final RouterFactory routers;
    private final Settings settings;
    private final DomainScope domains;
    private final Dropout dropout;
    private final Clock clock;
    private final RetrievalLog log;
    /** The memories in scope of the last retrieval, for the next one with the same snapshot and filters. */
    private volatile Visible lastVisible;

    /** @param random the random source of dropout, seeded from the settings for reproducible runs */
    public Retriever(MemoryStore store, VectorCache cache, EmbeddingSource embeddings, ProjectResolver projects,
            Settings settings, RandomGenerator random, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.embeddings = embeddings;
        this.projects = projects;
        this.routers = new RouterFactory(settings);
        this.settings = settings;
        this.domains = new DomainScope(settings.strategies());
        this.dropout = new Dropout(settings.strategies().dropout(), random);
        this.clock = clock;
        this.log = new RetrievalLog(store, clock);
    }

    public RetrieveResult retrieve(RetrieveRequest request, ProjectContext context) {
        return retrieve(request, context, ResultSize.MEMORIES_ONLY);
    }

    /**
     * Retrieves as {@link #retrieve(RetrieveRequest, ProjectContext)} does, but fits the whole text
     * that {@code size} measures into {@code max_tokens} at {@link Texts#estimateTokens} rates:
     * memories are cut or left out until the rendered result fits.
     */
    public RetrieveResult retrieve(RetrieveRequest request, ProjectContext context, ResultSize size) {
        ProjectKey project = projects.resolve(request.project(), context);
        Instant now = clock.instant();
        // The refresh comes first, so that right after a start it reads the vectors while the model loads.
        cache.refresh();
        List<CachedMemory> snapshot = cache.snapshot();
        // Full-text search needs no query vector, so it runs on another core while the model embeds the query.
        CompletableFuture<Map<Long, Double>> lexical = CompletableFuture.supplyAsync(
                () -> lexicalScores(request.query(), project, request.k()), LEXICAL_SEARCH);
        Optional<float[]> queryVector;
        try {
            Optional<Embedder> embedder = embeddings.await(settings.modelWait());
            queryVector = embedder.map(model -> model.embed(request.query()));
        } catch (RuntimeException e) {
            lexical.cancel(false);
            throw e;
        }

        Visible inScope = visible(snapshot, project, request);
        List<CachedMemory> visible = inScope.memories();
        Ranking ranking = rank(project, queryVector, snapshot, inScope, now, joined(lexical));

        Map<Long, Memory> byId = byId(ranking);
        List<Scored> ranked = new ArrayList<>(ranking.ranked());
        Optional<Dropout.Choice> dropped = dropout.choose(patterns(ranked, byId), request.k(),
                id -> byId.get(id).helpfulCount());
        dropped.ifPresent(choice -> ranked.removeIf(scored -> scored.id() == choice.droppedId()));

        Function<Selection, RetrieveResult> draft = candidate -> result(MEASURED_ID, project, candidate, visible,
                ranking, queryVector, dropped);
        Selection selection = fitted(ranked, byId, project, request, draft, size);
        // The log keeps the query for replay and statistics, so a token pasted into a query is redacted.
        String loggedQuery = SecretRedactor.redact(request.query()).text();
        Optional<Long> retrievalId = log.write(new RetrievalRecord(0, request.session(), Optional.of(project),
                loggedQuery, selection.ids(), visible.size(), selection.tokens(), now));
        // A server starts building the full-text index once its start-up work is done. At the latest
        // the build starts here, after the first retrieval, so that it never slows the first result.
        store.prepareTextSearch();
        return result(retrievalId, project, selection, visible, ranking, queryVector, dropped);
    }

    private RetrieveResult result(Optional<Long> retrievalId, ProjectKey project, Selection selection,
            List<CachedMemory> visible, Ranking ranking, Optional<float[]> queryVector,
            Optional<Dropout.Choice> dropped) {
        return new RetrieveResult(retrievalId, project, selection.rules(), selection.memories(),
                Warnings.of(selection), visible.size(), ranking.ranked().size(), selection.tokens(),
                queryVector.isPresent() ? "hybrid" : "lexical", notice(queryVector), dropped,
                ranking.hierarchical() ? "hierarchical" : "full", ranking.scored());
    }

    /**
     * Selects within the budget, then shrinks the memories' share of it by the excess until the text
     * that {@code size} measures fits in {@code max_tokens}. The selection's token count becomes
     * the measured size of the whole text when a caller measures one.
     */
    private static Selection fitted(List<Scored> ranked, Map<Long, Memory> byId, ProjectKey project,
            RetrieveRequest request, Function<Selection, RetrieveResult> draft, ResultSize size) {
        int limit = request.maxTokens() * Texts.CHARS_PER_TOKEN;
        int budget = request.maxTokens();
        for (int round = 0; round < MAX_FIT_ROUNDS; round++) {
            Selection selection = Selection.of(ranked, byId, project, request.k(), budget);
            int characters = size.characters(draft.apply(selection));
            if (characters == 0) {
                return selection;
            }
            if (characters <= limit || selection.ids().isEmpty()) {
                return selection.withTokens((characters + Texts.CHARS_PER_TOKEN - 1) / Texts.CHARS_PER_TOKEN);
            }
            int excessTokens = (characters - limit + Texts.CHARS_PER_TOKEN - 1) / Texts.CHARS_PER_TOKEN;
            budget = Math.max(0, budget - excessTokens);
        }
        Selection none = Selection.of(ranked, byId, project, request.k(), 0);
        int characters = size.characters(draft.apply(none));
        return none.withTokens((characters + Texts.CHARS_PER_TOKEN - 1) / Texts.CHARS_PER_TOKEN);
    }

    /**
     * The memories that passed the gate, best first, how many were scored, whether by domain, and
     * the cached memory of every candidate by id.
     */
    private record Ranking(List<Scored> ranked, int scored, boolean hierarchical, Map<Long, CachedMemory> memories) {
    }

    /**
     * The memories in scope of a retrieval without the patterns promoted to the project's rules,
     * and the max helpful count among them. They depend only on the cache snapshot and the
     * request's project, layers and kinds. A snapshot never changes, so a retrieval with the same
     * four reuses the list instead of passing over every cached memory: 3.2 ms of CPU time at
     * 100,000 memories.
     */
    private record Visible(List<CachedMemory> snapshot, ProjectKey project, Set<Layer> layers,
            Set<Kind> kinds, List<CachedMemory> memories, SentenceScan scan, int maxHelpful) {

        boolean chosenBy(List<CachedMemory> otherSnapshot, ProjectKey otherProject, RetrieveRequest request) {
            return snapshot == otherSnapshot && project.equals(otherProject) && layers.equals(request.layers())
                    && kinds.equals(request.kinds());
        }
    }

    /**
     * Scores the memories that {@link DomainScope} keeps and could pass the gates, and applies the
     * cosine floor. n_max is taken over every memory in scope, so that hierarchical routing and
     * the candidate filter score each kept memory as the full scan does.
     */
    private Ranking rank(ProjectKey project, Optional<float[]> queryVector, List<CachedMemory> snapshot,
            Visible visible, Instant now, Map<Long, Double> bm25) {
        DomainScope.Scope scope = domains.select(snapshot, visible.memories(), queryVector, bm25.keySet(), project);
        Router router = queryVector.isPresent() ? routers.hybrid() : routers.lexical();
        CandidateFilter filter = CandidateFilter.of(router.settings(), settings.minCosine());
        // Hierarchical routing keeps a list of its own, whose layout the filter builds for this retrieval.
        CandidateFilter.Candidates candidates = scope.memories() == visible.memories()
                ? filter.select(scope.memories(), visible.scan(), queryVector, bm25)
                : filter.select(scope.memories(), queryVector, bm25);
        List<Scored> ranked = router.rank(candidates.list(), now, visible.maxHelpful());
        if (queryVector.isPresent()) {
            ranked = semanticFloor(ranked, candidates.memories());
        }
        return new Ranking(ranked, scope.memories().size(), scope.hierarchical(), candidates.memories());
    }

    private Optional<String> notice(Optional<float[]> queryVector) {
        if (queryVector.isPresent()) {
            return Optional.empty();
        }
        return Optional.of("Answered from full-text search only: " + embeddings.status()
                + ". Semantic matching resumes once the model is ready.");
    }

    /** Returns the L0 entries of the ranked list, the ones {@link Selection} picks the top k from. */
    private static List<Scored> patterns(List<Scored> ranked, Map<Long, Memory> byId) {
        List<Scored> patterns = new ArrayList<>(ranked.size());
        for (Scored scored : ranked) {
            if (byId.get(scored.id()).layer() == Layer.L0) {
                patterns.add(scored);
            }
        }
        return patterns;
    }

    /**
     * Drops memories whose cosine is below {@code min_cosine}. BM25 is normalised over the
     * candidates, so the best word match of an unrelated query scores 1.0 and could pass the
     * relevance gate on words alone. Measured with MiniLM, unrelated queries stay under a cosine
     * of about 0.3, while the relevant lessons of the development set start at 0.56. A memory not
     * yet embedded with the current model has no cosine and is judged by the gate alone.
     *
     * @param candidates the cached memory of every ranked one by id
     */
    private List<Scored> semanticFloor(List<Scored> ranked, Map<Long, CachedMemory> candidates) {
        List<Scored> kept = new ArrayList<>(ranked.size());
        for (Scored scored : ranked) {
            if (scored.breakdown().cos() >= settings.minCosine() || candidates.get(scored.id()).vector().isEmpty()) {
                kept.add(scored);
            }
        }
        return kept;
    }

    /**
     * Leaves out the patterns that became rules of this project: the rule carries the lesson in
     * the project's own words, and returning both would repeat it.
     */
    static List<CachedMemory> withoutPromotedPatterns(List<CachedMemory> visible, ProjectKey project) {
        Set<Long> promoted = new HashSet<>();
        for (CachedMemory cached : visible) {
            // The layer comes first: it is a field, while the details are a map to look up.
            if (isRuleOf(cached.memory(), project)
                    && cached.memory().details().get("promoted_from") instanceof Number id) {
                promoted.add(id.longValue());
            }
        }
        if (promoted.isEmpty()) {
            return visible;
        }
        List<CachedMemory> kept = new ArrayList<>(visible.size());
        for (CachedMemory cached : visible) {
            if (!promoted.contains(cached.memory().id())) {
                kept.add(cached);
            }
        }
        return kept;
    }

    /**
     * Returns the memories in scope without the promoted patterns, reused from the last retrieval
     * when it had the same snapshot and filters.
     */
    private Visible visible(List<CachedMemory> snapshot, ProjectKey project, RetrieveRequest request) {
        Visible last = lastVisible;
        if (last != null && last.chosenBy(snapshot, project, request)) {
            return last;
        }
        List<CachedMemory> memories = List.copyOf(withoutPromotedPatterns(inScope(snapshot, project, request), project));
        Visible visible = new Visible(snapshot, project, Set.copyOf(request.layers()), Set.copyOf(request.kinds()),
                memories, SentenceScan.of(memories), maxHelpful(memories));
        lastVisible = visible;
        return visible;
    }

    private static List<CachedMemory> inScope(List<CachedMemory> all, ProjectKey project, RetrieveRequest request) {
        List<CachedMemory> visible = new ArrayList<>();
        for (CachedMemory cached : all) {
            Memory memory = cached.memory();
            boolean inScope = memory.project().isEmpty() || memory.project().get().equals(project);
            boolean layerOk = request.layers().isEmpty() || request.layers().contains(memory.layer());
            boolean kindOk = request.kinds().isEmpty() || request.kinds().contains(memory.kind());
            if (memory.isActive() && inScope && layerOk && kindOk) {
                visible.add(cached);
            }
        }
        return visible;
    }

    /** Returns the full-text scores, or throws what the search threw, as the search would have in this thread. */
    private static Map<Long, Double> joined(CompletableFuture<Map<Long, Double>> lexical) {
        try {
            return lexical.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private Map<Long, Double> lexicalScores(String query, ProjectKey project, int k) {
        Map<Long, Double> scores = new HashMap<>();
        for (LexicalHit hit : store.searchText(query, Optional.of(project), Math.max(LEXICAL_CANDIDATES, 10 * k))) {
            scores.put(hit.memoryId(), hit.bm25());
        }
        return scores;
    }

    private static int maxHelpful(List<CachedMemory> visible) {
        int max = 0;
        for (CachedMemory cached : visible) {
            max = Math.max(max, cached.memory().helpfulCount());
        }
        return max;
    }

    /** Maps the id of each ranked memory to the memory; the others are never looked up. */
    private static Map<Long, Memory> byId(Ranking ranking) {
        Map<Long, Memory> byId = new HashMap<>(ranking.ranked().size() * 2);
        for (Scored scored : ranking.ranked()) {
            byId.put(scored.id(), ranking.memories().get(scored.id()).memory());
        }
        return byId;
    }

    static boolean isRuleOf(Memory memory, ProjectKey project) {
        return memory.layer() == Layer.L1 && memory.project().map(project::equals).orElse(false);
    }
}

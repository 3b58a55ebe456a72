package dev.scms.core;

import dev.scms.config.Settings;
import dev.scms.model.ProjectKey;
import dev.scms.promotion.PromotionPolicy;
import dev.scms.store.MemoryStore;
import dev.scms.store.VectorCache;
import java.time.Clock;
import java.util.SplittableRandom;

/** The use cases of SCMS wired over one store, one model and one policy. */
public final class Scms {

    /**
     * Time a retrieval may spend embedding memories stored without vectors before it scores. It
     * covers the few memories written while the model loaded. After an upgrade that left a whole
     * store to re-embed, the background backfill does the rest.
     */
    static final java.time.Duration INLINE_BACKFILL = java.time.Duration.ofMillis(250);

    private final Retriever retriever;
    private final UseRecorder useRecorder;
    private final Promoter promoter;
    private final FailureLogger failureLogger;
    private final Rememberer rememberer;
    private final Forgetter forgetter;
    private final StatsService stats;
    private final DiversityMonitor diversity;
    private final Sessions sessions;
    private final ProjectRules rules;
    private final MostUsed mostUsed;
    private final MemoryWriter writer;
    private final ProjectResolver projects;
    private final EmbeddingSource embeddings;

    private final VectorCache cache;
    private final MemoryStore store;

    public Scms(MemoryStore store, EmbeddingSource embeddings, PromotionPolicy policy, Settings settings,
            Clock clock) {
        this.store = store;
        this.cache = new VectorCache(store, embeddings.modelId());
        this.embeddings = embeddings;
        this.projects = new ProjectResolver(store);
        this.writer = new MemoryWriter(store, cache, embeddings, settings);
        PromotionCheck check = new PromotionCheck(store, policy, settings, clock);
        this.retriever = new Retriever(store, cache, embeddings, projects, settings,
                new SplittableRandom(settings.strategies().dropoutSeed()), clock);
        RulesAutoSync rulesSync = new RulesAutoSync(store, settings.rulesSync());
        this.promoter = new Promoter(store, writer, projects, check, rulesSync, clock);
        this.useRecorder = new UseRecorder(store, projects, check, promoter, settings, clock);
        this.failureLogger = new FailureLogger(store, writer, projects, settings, clock);
        this.rememberer = new Rememberer(store, writer, projects, clock);
        this.forgetter = new Forgetter(store, rulesSync, clock);
        this.diversity = new DiversityMonitor(store, settings.strategies());
        this.sessions = new Sessions(store, clock);
        this.rules = new ProjectRules(store);
        this.mostUsed = new MostUsed(store, cache, clock);
        this.stats = new StatsService(store, cache, embeddings, settings.strategies());
    }

    public RetrieveResult retrieve(RetrieveRequest request, ProjectContext context) {
        return retrieve(request, context, ResultSize.MEMORIES_ONLY);
    }

    /** Retrieves so that the text {@code size} measures fits the request's token budget. */
    public RetrieveResult retrieve(RetrieveRequest request, ProjectContext context, ResultSize size) {
        // Only one backfill runs at a time, and only when a memory was stored without vectors.
        embeddings.await(java.time.Duration.ZERO).ifPresent(model -> writer.backfillFor(model, INLINE_BACKFILL));
        RetrieveResult result = retriever.retrieve(request, context, size);
        diversity.record(result.retrievalId(), result.returnedIds(), result.considered());
        sessions.recorder(request.session()).retrieved(result, request.query());
        return result;
    }

    /**
     * Returns the project's rules and its most used L0 patterns and failures, ranked by helpful
     * uses, for a session that starts without a task. It is logged as a retrieval, so the caller
     * can record uses against its id, and it never counts as use.
     */
    public RetrieveResult mostUsed(ProjectKey project, int k, int maxTokens, String session) {
        RetrieveResult result = mostUsed.select(project, k, maxTokens, session);
        diversity.record(result.retrievalId(), result.returnedIds(), result.considered());
        sessions.recorder(session).retrieved(result, MostUsed.QUERY);
        return result;
    }

    /**
     * Loads the memories and their vectors into the cache, as the first retrieval would, so that a
     * server can do it while the model loads instead of on the first request. Then has the JIT
     * compiler compile the vector scan, and saves the vectors for the next start when the saved
     * ones were missing or many had changed.
     */
    public void warmUp() {
        cache.refresh();
        cache.warmScan();
        cache.save();
    }

    /**
     * Starts building, in the background, the full-text index that a server's searches use. A
     * server calls this once its start-up work is done, so that a later query finds the index built.
     */
    public void prepareTextSearch() {
        store.prepareTextSearch();
    }

    /**
     * Brings the cache up to date and saves its vectors for the next start when the saved ones
     * are missing or many have changed, as after an import.
     */
    public void saveVectors() {
        cache.refresh();
        cache.save();
    }

    /**
     * Embeds, once the model is ready, the memories stored without a vector of the current model:
     * those written while it loaded, and all of them after a change of model. Runs on the
     * caller's thread and waits at most {@code maxWait} for the model.
     */
    public int backfill(java.time.Duration maxWait) {
        return embeddings.await(maxWait).map(writer::backfill).orElse(0);
    }

    public UseResult recordUse(UseRequest request, ProjectContext context) {
        UseResult result = useRecorder.record(request, context);
        sessions.recorder(request.session()).used(request.outcome(), result.alreadyRecorded());
        return result;
    }

    public PromoteResult promote(PromoteRequest request, ProjectContext context) {
        return promoter.promote(request, context);
    }

    /** Logs a failure outside any MCP session, as the command line does. */
    public WriteResult logFailure(FailureRequest request, ProjectContext context) {
        return logFailure(request, context, "");
    }

    public WriteResult logFailure(FailureRequest request, ProjectContext context, String session) {
        WriteResult result = failureLogger.log(request, context);
        sessions.recorder(session).failureLogged(result);
        return result;
    }

    /**
     * Returns the session layer of one session: what it retrieved, used and logged, and the
     * process's diversity alert. A session with no request yet starts here.
     */
    public SessionDashboard session(String key) {
        return sessions.recorder(key).dashboard(diversity.snapshot());
    }

    public Sessions sessions() {
        return sessions;
    }

    /** Returns the reader of each project's active rules. */
    public ProjectRules rules() {
        return rules;
    }

    public WriteResult remember(RememberRequest request, ProjectContext context) {
        return rememberer.remember(request, context);
    }

    public Forgetter forgetter() {
        return forgetter;
    }

    /** Returns the stats outside any MCP session, as the command line does. */
    public StatsResult stats(java.util.Optional<String> project, ProjectContext context) {
        return stats(project, context, "");
    }

    /** Returns the stats of the named project, or of everything without one, with the session's layer. */
    public StatsResult stats(java.util.Optional<String> project, ProjectContext context, String session) {
        return statsOf(project.filter(text -> !text.isBlank()).map(text -> projects.resolve(java.util.Optional
                .of(text), context)), session);
    }

    /** Returns the stats of a resolved project, or of everything when empty, with the session's layer. */
    public StatsResult statsOf(java.util.Optional<ProjectKey> project, String session) {
        return stats.stats(project, session(session));
    }

    public ProjectResolver projects() {
        return projects;
    }

    public MemoryWriter writer() {
        return writer;
    }

    public EmbeddingSource embeddings() {
        return embeddings;
    }
}

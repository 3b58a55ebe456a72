package dev.scms.core;

import dev.scms.config.Settings;
import dev.scms.config.SettingsLoader;
import dev.scms.model.Kind;
import dev.scms.model.Memory;
import dev.scms.model.Outcome;
import dev.scms.promotion.PromotionPolicy;
import dev.scms.store.sqlite.SqliteMemoryStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The use cases over a real SQLite file in a temporary folder, the bag-of-words embedder (or
 * none) and a mutable clock, with short helpers for the requests the tests send.
 */
final class ScmsHarness implements AutoCloseable {

    static final Instant START = Instant.parse("2025-01-06T09:00:00Z");
    /** The session key of every request the helpers send. */
    static final String SESSION = "session-1";

    final MutableClock clock = new MutableClock(START);
    final SqliteMemoryStore store;
    final Scms scms;
    final ProjectContext context;

    private ScmsHarness(Path temp, Map<String, String> flags, PromotionPolicy policy, EmbeddingSource embeddings) {
        Map<String, String> allFlags = new HashMap<>();
        // The bag-of-words fake spreads a long text over many words, so its cosines run lower than MiniLM's.
        allFlags.put("min_cosine", "0.1");
        allFlags.putAll(flags);
        allFlags.put("home", temp.toString());
        Settings settings = new SettingsLoader(Map.of(), allFlags, "tester", temp).load();
        this.store = SqliteMemoryStore.open(settings.database(), clock);
        this.scms = new Scms(store, embeddings, policy, settings, clock);
        this.context = ProjectContext.of(temp);
    }

    static ScmsHarness open(Path temp, PromotionPolicy policy, Map<String, String> flags) {
        return new ScmsHarness(temp, flags, policy, EmbeddingSource.ready(new BagOfWordsEmbedder()));
    }

    static ScmsHarness lexicalOnly(Path temp, PromotionPolicy policy) {
        return lexicalOnly(temp, policy, Map.of());
    }

    static ScmsHarness lexicalOnly(Path temp, PromotionPolicy policy, Map<String, String> flags) {
        return new ScmsHarness(temp, flags, policy, EmbeddingSource.none("bag-of-words-test",
                "model still loading"));
    }

    WriteResult logFailure(Kind kind, String title, String symptom, String cause, String fix, String project) {
        return scms.logFailure(new FailureRequest(kind, title, Optional.of(symptom), Optional.of(cause),
                Optional.of(fix), Optional.of(project), "", List.of(), true), context, SESSION);
    }

    WriteResult logLocalFailure(Kind kind, String title, String symptom, String project) {
        return scms.logFailure(new FailureRequest(kind, title, Optional.of(symptom), Optional.empty(),
                Optional.empty(), Optional.of(project), "", List.of(), false), context, SESSION);
    }

    WriteResult remember(String text, Kind kind, Optional<String> project) {
        return rememberIn(text, kind, project, "");
    }

    WriteResult rememberIn(String text, Kind kind, Optional<String> project, String domain) {
        return scms.remember(new RememberRequest(text, Optional.empty(), kind, project, domain, List.of(), 0.5,
                Map.of(), Optional.empty(), Optional.empty()), context);
    }

    RetrieveResult retrieve(String query, String project) {
        return retrieve(query, project, 5, 2000);
    }

    RetrieveResult retrieve(String query, String project, int k, int maxTokens) {
        return scms.retrieve(new RetrieveRequest(query, Optional.of(project), k, Set.of(), Set.of(), maxTokens,
                SESSION), context);
    }

    UseResult use(long memoryId, String user, String project) {
        return use(memoryId, user, project, Outcome.HELPFUL);
    }

    UseResult use(long memoryId, String user, String project, Outcome outcome) {
        return scms.recordUse(new UseRequest(memoryId, outcome, Optional.empty(), Optional.of(user),
                Optional.of(project), "", SESSION), context);
    }

    PromoteResult promote(long memoryId, String project, boolean force) {
        return scms.promote(new PromoteRequest(memoryId, Optional.of(project), Optional.empty(), force,
                Optional.of("tester")), context);
    }

    Memory find(long id) {
        return store.find(id).orElseThrow();
    }

    static List<Long> ids(List<RetrievedMemory> items) {
        return items.stream().map(item -> item.memory().id()).toList();
    }

    @Override
    public void close() {
        store.close();
    }
}

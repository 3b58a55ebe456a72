package dev.scms.eval;

import dev.scms.config.Settings;
import dev.scms.core.EmbeddingSource;
import dev.scms.core.ProjectContext;
import dev.scms.core.RememberRequest;
import dev.scms.core.RetrieveRequest;
import dev.scms.core.RetrieveResult;
import dev.scms.core.RetrievedMemory;
import dev.scms.core.Scms;
import dev.scms.core.UseRequest;
import dev.scms.embed.Embedder;
import dev.scms.model.Outcome;
import dev.scms.promotion.AdaptivePolicy;
import dev.scms.store.MemoryStore;
import dev.scms.store.sqlite.SqliteMemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Replays a dated dataset against a fresh temporary store: memories are added at their date
 * and queries are asked at theirs, on a fake clock. After each query it records a helpful use
 * of every relevant memory that came back, as an assistant would, unless feedback is off.
 * The user's own database is never opened.
 */
public final class Replay {

    /** Retrieval depth: enough for nDCG@10 whatever k the caller asks for. */
    private static final int DEPTH = 10;
    private static final String PROJECT = "evaluation";

    private final Embedder embedder;
    private final Path workFolder;
    private final EvalSettings settings;
    private final boolean feedback;

    /** @param workFolder a folder for the temporary stores, one per preset */
    public Replay(Embedder embedder, Path workFolder, EvalSettings settings, boolean feedback) {
        this.embedder = new MemoEmbedder(embedder);
        this.workFolder = workFolder;
        this.settings = settings;
        this.feedback = feedback;
    }

    public Metrics run(Preset preset, List<RememberRequest> memories, List<EvalQuery> queries, int k) {
        Path home = newHome(preset);
        MutableClock clock = new MutableClock(Instant.EPOCH);
        Settings loaded = settings.load(preset, home, false);
        try (MemoryStore store = SqliteMemoryStore.open(loaded.database(), clock)) {
            Scms scms = new Scms(store, EmbeddingSource.ready(embedder), AdaptivePolicy.defaults(), loaded, clock);
            ProjectContext context = ProjectContext.of(home);
            List<Metrics.QueryOutcome> outcomes = new ArrayList<>();
            for (Event event : timeline(memories, queries)) {
                clock.set(event.at());
                if (event.memory() != null) {
                    scms.remember(event.memory(), context);
                } else {
                    outcomes.add(ask(scms, event.query(), k, context));
                }
            }
            return Metrics.of(preset.name(), outcomes);
        }
    }

    /**
     * Asks one query at depth {@link #DEPTH} for the rank metrics; the returned count and tokens
     * cover the rules and the top {@code k} memories, which is what an assistant would receive.
     */
    private Metrics.QueryOutcome ask(Scms scms, EvalQuery query, int k, ProjectContext context) {
        long start = System.nanoTime();
        RetrieveResult result = scms.retrieve(new RetrieveRequest(query.text(), Optional.of(PROJECT), Math.max(k,
                DEPTH), Set.of(), Set.of(), 20_000, "eval"), context);
        double millis = (System.nanoTime() - start) / 1e6;
        int returned = result.rules().size();
        int tokens = result.rules().stream().mapToInt(RetrievedMemory::tokens).sum();
        List<Integer> ranks = new ArrayList<>();
        for (RetrievedMemory item : result.memories()) {
            if (item.rank() <= k) {
                returned++;
                tokens += item.tokens();
            }
            Optional<String> externalId = item.memory().externalId();
            if (externalId.isPresent() && query.relevant().contains(externalId.get())) {
                ranks.add(item.rank());
                if (feedback) {
                    scms.recordUse(new UseRequest(item.memory().id(), Outcome.HELPFUL, Optional.of(result.retrievalId()),
                            Optional.of("eval"), Optional.empty(), "", "eval"), context);
                }
            }
        }
        return new Metrics.QueryOutcome(ranks, query.relevant().size(), returned, tokens, millis);
    }

    /** Orders memories and queries by time; on the same instant the memory comes first. */
    private static List<Event> timeline(List<RememberRequest> memories, List<EvalQuery> queries) {
        List<Event> events = new ArrayList<>();
        memories.forEach(memory -> events.add(new Event(memory.createdAt().orElse(Instant.EPOCH), memory, null)));
        Instant last = events.stream().map(Event::at).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        queries.forEach(query -> events.add(new Event(query.date().orElse(last), null, query)));
        events.sort(Comparator.comparing(Event::at).thenComparing(event -> event.memory() == null));
        return events;
    }

    private Path newHome(Preset preset) {
        try {
            return Files.createTempDirectory(Files.createDirectories(workFolder), "replay-" + preset.name()
                    .replaceAll("[^A-Za-z0-9]", "_") + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary store under " + workFolder, e);
        }
    }

    private record Event(Instant at, RememberRequest memory, EvalQuery query) {
    }
}

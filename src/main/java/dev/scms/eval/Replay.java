package dev.scms.eval;

import dev.scms.config.Settings;
import dev.scms.core.EmbeddingSource;
import dev.scms.core.Importer;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Replays a dated dataset against a fresh temporary store: memories are added at their date
 * and queries are asked at theirs, on a fake clock. Runs of memories between two queries are
 * stored through the batch {@link Importer}, which embeds 64 texts per model call. After each
 * query it records a helpful use of every relevant memory that came back, as an assistant
 * would, unless feedback is off. For a hierarchical preset each query is also asked of a
 * second router with hierarchical routing off, over the same store, to measure recall. The
 * user's own database is never opened, and each store is deleted when its replay ends.
 */
public final class Replay {

    /** Receives progress as replay steps (memories stored plus queries asked) done out of the total. */
    public interface Listener {
        void progress(int done, int total);
    }

    /** Retrieval depth: enough for nDCG@10 whatever k the caller asks for. */
    private static final int DEPTH = 10;
    private static final String PROJECT = "evaluation";

    private final MemoEmbedder embedder;
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

    public RunResult run(Preset preset, List<RememberRequest> memories, List<EvalQuery> queries, int k,
            Listener listener) {
        long start = System.nanoTime();
        Path home = newHome(preset);
        try {
            Metrics metrics = replay(preset, home, Timeline.of(memories, queries), memories.size() + queries.size(),
                    k, listener);
            return new RunResult(preset, settings.effective(preset), metrics, (System.nanoTime() - start) / 1e9);
        } finally {
            deleteTree(home);
        }
    }

    /** Returns how many distinct memory texts the model has embedded over all replays so far. */
    public int embeddedTexts() {
        return embedder.distinctTexts();
    }

    /** Returns the time the model took to embed those texts, in seconds. */
    public double embeddingSeconds() {
        return embedder.modelSeconds();
    }

    private Metrics replay(Preset preset, Path home, List<Timeline.Step> steps, int total, int k, Listener listener) {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        Settings main = settings.load(preset, home, false);
        EmbeddingSource source = EmbeddingSource.ready(embedder);
        try (MemoryStore store = SqliteMemoryStore.open(main.database(), clock)) {
            Scms scms = new Scms(store, source, AdaptivePolicy.defaults(), main, clock);
            Optional<Scms> fullScan = settings.hierarchical(preset) ? Optional.of(new Scms(store, source,
                    AdaptivePolicy.defaults(), settings.load(preset, home, true), clock)) : Optional.empty();
            Importer importer = new Importer(store, source, scms.projects(), clock);
            ProjectContext context = ProjectContext.of(home);
            List<Metrics.QueryOutcome> outcomes = new ArrayList<>();
            int done = 0;
            for (Timeline.Step step : steps) {
                clock.set(step.at());
                if (step.query().isPresent()) {
                    outcomes.add(ask(scms, fullScan, step.query().get(), k, context));
                    done++;
                } else {
                    int before = done;
                    importer.importAll(step.memories(), context, Duration.ZERO, stored -> listener.progress(
                            before + stored, total));
                    done += step.memories().size();
                }
                listener.progress(done, total);
            }
            return Metrics.of(preset.name(), outcomes);
        }
    }

    /**
     * Asks one query at depth {@link #DEPTH} for the rank metrics; the returned count and tokens
     * cover the rules and the top {@code k} memories, which is what an assistant would receive.
     * Only the first retrieval is timed.
     */
    private Metrics.QueryOutcome ask(Scms scms, Optional<Scms> fullScan, EvalQuery query, int k,
            ProjectContext context) {
        RetrieveRequest request = new RetrieveRequest(query.text(), Optional.of(PROJECT), Math.max(k, DEPTH),
                Set.of(), Set.of(), 20_000, "eval");
        long start = System.nanoTime();
        RetrieveResult result = scms.retrieve(request, context);
        double millis = (System.nanoTime() - start) / 1e6;
        Optional<Double> recall = fullScan.map(full -> Recall.ofTopK(result, full.retrieve(request, context), k));

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
                    scms.recordUse(new UseRequest(item.memory().id(), Outcome.HELPFUL, result.retrievalId(),
                            Optional.of("eval"), Optional.empty(), "", "eval"), context);
                }
            }
        }
        return new Metrics.QueryOutcome(ranks, query.relevant().size(), returned, tokens, millis, recall);
    }

    private Path newHome(Preset preset) {
        try {
            return Files.createTempDirectory(Files.createDirectories(workFolder), "replay-" + preset.name()
                    .replaceAll("[^A-Za-z0-9]", "_") + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary store under " + workFolder, e);
        }
    }

    /** Deletes a folder and everything in it; does nothing when it does not exist. */
    public static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary folder " + folder + "; delete it by hand", e);
        }
    }
}

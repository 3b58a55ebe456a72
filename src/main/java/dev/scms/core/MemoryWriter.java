package dev.scms.core;

import dev.scms.config.Settings;
import dev.scms.embed.Embedder;
import dev.scms.model.Kind;
import dev.scms.model.Memory;
import dev.scms.model.NewMemory;
import dev.scms.model.ProjectKey;
import dev.scms.store.VectorCache.CachedMemory;
import dev.scms.store.InsertResult;
import dev.scms.store.MemoryStore;
import dev.scms.store.StoredEmbedding;
import dev.scms.store.VectorCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores memories with their embeddings and finds near-duplicates. A memory written while the
 * model is not ready is stored without a vector and embedded later by {@link #backfill}.
 */
public final class MemoryWriter {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryWriter.class);
    private static final int BACKFILL_BATCH = 256;

    private final MemoryStore store;
    private final VectorCache cache;
    private final EmbeddingSource embeddings;
    private final Settings settings;
    private final AtomicBoolean backfillNeeded = new AtomicBoolean(true);
    private final ReentrantLock backfillLock = new ReentrantLock();

    public MemoryWriter(MemoryStore store, VectorCache cache, EmbeddingSource embeddings, Settings settings) {
        this.store = store;
        this.cache = cache;
        this.embeddings = embeddings;
        this.settings = settings;
    }

    /** Returns the model if it is ready within the configured wait. */
    Optional<Embedder> model() {
        return embeddings.await(settings.modelWait());
    }

    /** Embeds the memory when the model is ready; empty otherwise. */
    Optional<StoredEmbedding> embed(String title, String body) {
        return model().map(model -> embedAll(model, List.of(new TitledText(title, body))).get(0));
    }

    /**
     * Embeds each memory with its sentences, in one batch on the calling thread: the vector of
     * {@link #embeddingText} and one vector per sentence of the body.
     */
    static List<StoredEmbedding> embedAll(Embedder model, List<TitledText> titleAndBody) {
        return embedAll(model, titleAndBody, EmbeddingWorkers.callingThread());
    }

    /**
     * Embeds each memory as {@link #embedAll(Embedder, List)} does, on the threads of
     * {@code workers}. A text that repeats in the batch, such as a body of one sentence, is
     * embedded once.
     */
    static List<StoredEmbedding> embedAll(Embedder model, List<TitledText> titleAndBody, EmbeddingWorkers workers) {
        List<String> texts = new ArrayList<>();
        List<Integer> sentenceCounts = new ArrayList<>(titleAndBody.size());
        for (TitledText memory : titleAndBody) {
            texts.add(embeddingText(memory.title(), memory.body()));
            List<String> sentences = passages(memory);
            texts.addAll(sentences);
            sentenceCounts.add(sentences.size());
        }
        List<float[]> vectors = workers.embedAll(model, texts);
        List<StoredEmbedding> embeddings = new ArrayList<>(titleAndBody.size());
        int next = 0;
        for (int count : sentenceCounts) {
            float[] vector = vectors.get(next);
            embeddings.add(new StoredEmbedding(model.modelId(), vector, vectors.subList(next + 1, next + 1 + count)));
            next += 1 + count;
        }
        return embeddings;
    }

    /** Inserts the memory as {@link MemoryStore#insertUnlessPresent} does and returns the outcome. */
    InsertResult insertUnlessPresent(NewMemory memory, Optional<StoredEmbedding> embedding) {
        InsertResult result = store.insertUnlessPresent(memory, embedding);
        if (result.inserted() && embedding.isEmpty()) {
            backfillNeeded.set(true);
        }
        return result;
    }

    /**
     * Finds the active memory of this kind, visible from the project, whose vector is closest to
     * the given one, if its cosine reaches {@code threshold}.
     */
    Optional<Memory> nearest(float[] vector, Kind kind, Optional<ProjectKey> project, double threshold) {
        cache.refresh();
        Memory best = null;
        double bestCosine = threshold;
        for (CachedMemory cached : cache.snapshot()) {
            Memory memory = cached.memory();
            boolean visible = memory.project().isEmpty() || memory.project().equals(project);
            if (!memory.isActive() || memory.kind() != kind || !visible || cached.vector().isEmpty()) {
                continue;
            }
            double cosine = Vectors.dot(vector, cached.vector().get());
            if (cosine >= bestCosine) {
                best = memory;
                bestCosine = cosine;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Embeds all memories stored without a vector, or without sentence vectors, for the current
     * model; returns how many it embedded. Waits while another backfill runs, then continues
     * with what is left.
     */
    public int backfill(Embedder model) {
        backfillLock.lock();
        try {
            return backfillLocked(model, Long.MAX_VALUE);
        } finally {
            backfillLock.unlock();
        }
    }

    /**
     * Embeds memories without vectors for at most {@code budget}, so that a retrieval stays quick
     * after an upgrade left the whole store to re-embed; the rest stays for later calls and for
     * {@link #backfill(Embedder)}. Returns 0 at once while another backfill runs.
     */
    int backfillFor(Embedder model, Duration budget) {
        if (!backfillLock.tryLock()) {
            return 0;
        }
        try {
            return backfillLocked(model, System.nanoTime() + budget.toNanos());
        } finally {
            backfillLock.unlock();
        }
    }

    private int backfillLocked(Embedder model, long deadlineNanos) {
        if (!backfillNeeded.getAndSet(false)) {
            return 0;
        }
        try {
            return embedMissing(model, deadlineNanos);
        } catch (RuntimeException e) {
            // A busy database or a failed embed must not end the backfill for good: the next call retries.
            backfillNeeded.set(true);
            throw e;
        }
    }

    private int embedMissing(Embedder model, long deadlineNanos) {
        int total = 0;
        Set<Long> done = new HashSet<>();
        List<Long> ids = store.idsWithoutEmbedding(model.modelId(), BACKFILL_BATCH);
        while (!ids.isEmpty()) {
            for (Long id : ids) {
                if (System.nanoTime() - deadlineNanos > 0) {
                    backfillNeeded.set(true);
                    logBackfill(total);
                    return total;
                }
                store.find(id).ifPresent(memory -> store.putEmbedding(id,
                        embedAll(model, List.of(new TitledText(memory.title(), memory.body()))).get(0)));
                done.add(id);
                total++;
            }
            List<Long> next = ids.size() < BACKFILL_BATCH ? List.of() : store.idsWithoutEmbedding(model.modelId(),
                    BACKFILL_BATCH);
            // A memory that stays listed after it was embedded would otherwise be embedded forever.
            ids = done.containsAll(next) ? List.of() : next;
        }
        logBackfill(total);
        return total;
    }

    private static void logBackfill(int total) {
        if (total > 0) {
            LOG.info("Embedded {} memories that had no vector or no sentence vectors of the current model", total);
        }
    }

    /** Returns the text a memory is embedded from: title and body, so that short bodies keep their topic. */
    static String embeddingText(String title, String body) {
        return title.equals(body) ? body : title + ". " + body;
    }

    /**
     * Returns the texts a memory is matched by, one vector each: its title, when it is more than
     * the body, and each sentence of the body. The title counts on its own because a lesson often
     * names the problem in the title and gives only the fix in the body. A blank body still gets
     * one text, so the memory never counts as not embedded.
     */
    static List<String> passages(TitledText memory) {
        List<String> passages = new ArrayList<>();
        String title = memory.title().strip();
        if (!title.isEmpty() && !title.equals(memory.body().strip())) {
            passages.add(title);
        }
        passages.addAll(Sentences.of(memory.body()));
        return passages.isEmpty() ? List.of(memory.body()) : passages;
    }

    /** The title and body of a memory to embed. */
    record TitledText(String title, String body) {
    }
}

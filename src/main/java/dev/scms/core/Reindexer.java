package dev.scms.core;

import dev.scms.embed.Embedder;
import dev.scms.model.Memory;
import dev.scms.store.MemoryFilter;
import dev.scms.store.MemoryStore;
import dev.scms.store.StoredEmbedding;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Re-embeds every memory, active or archived, with the given model, for example after a change
 * of model or of how memories are embedded.
 *
 * <p>Each memory's vector is replaced in its own write, so an interrupted run leaves every
 * memory either with its new vector or with its old one. An old vector of another model counts
 * as missing, so the backfill at the next start embeds those memories anyway.
 */
public final class Reindexer {

    /** Memories embedded in one call to the model, which is also the step of the progress count. */
    private static final int BATCH = 32;

    private final MemoryStore store;
    private final int embedThreads;

    /** Creates a reindexer that embeds on the calling thread alone. */
    public Reindexer(MemoryStore store) {
        this(store, 1);
    }

    /**
     * Creates a reindexer that embeds each batch on {@code embedThreads} threads at once, the
     * calling thread included. Every text gets the vector it gets on one thread.
     */
    public Reindexer(MemoryStore store, int embedThreads) {
        if (embedThreads < 1) {
            throw new IllegalArgumentException("embedThreads must be at least 1, got " + embedThreads);
        }
        this.store = store;
        this.embedThreads = embedThreads;
    }

    /** Returns how many memories a reindex embeds: every memory in the store. */
    public int total() {
        var counts = store.counts(java.util.Optional.empty());
        return counts.active() + counts.archived();
    }

    /** Re-embeds every memory and returns how many it embedded; {@code progress} receives the count so far. */
    public int reindex(Embedder model, IntConsumer progress) {
        try (EmbeddingWorkers workers = EmbeddingWorkers.start(embedThreads)) {
            return reindex(model, workers, progress);
        }
    }

    private int reindex(Embedder model, EmbeddingWorkers workers, IntConsumer progress) {
        MemoryFilter filter = MemoryFilter.all(BATCH);
        int done = 0;
        List<Memory> page = store.list(filter);
        while (!page.isEmpty()) {
            List<MemoryWriter.TitledText> texts = page.stream()
                    .map(memory -> new MemoryWriter.TitledText(memory.title(), memory.body())).toList();
            List<StoredEmbedding> vectors = MemoryWriter.embedAll(model, texts, workers);
            for (int i = 0; i < page.size(); i++) {
                store.putEmbedding(page.get(i).id(), vectors.get(i));
            }
            done += page.size();
            progress.accept(done);
            page = page.size() < BATCH ? List.of() : store.list(filter.withOffset(done));
        }
        return done;
    }
}

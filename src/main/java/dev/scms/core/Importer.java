package dev.scms.core;

import dev.scms.embed.Embedder;
import dev.scms.model.Memory;
import dev.scms.model.NewMemory;
import dev.scms.model.ProjectKey;
import dev.scms.store.MemoryStore;
import dev.scms.store.StoredEmbedding;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Imports many memories at once: embeds them in batches and skips any whose external id or
 * exact text is already stored, so that importing one file twice stores it once. Unlike
 * {@link Rememberer} it does not look for near-identical texts, which would cost a scan of
 * the store per memory.
 */
public final class Importer {

    private static final int BATCH = 64;

    private final MemoryStore store;
    private final EmbeddingSource embeddings;
    private final ProjectResolver projects;
    private final Clock clock;

    public Importer(MemoryStore store, EmbeddingSource embeddings, ProjectResolver projects, Clock clock) {
        this.store = store;
        this.embeddings = embeddings;
        this.projects = projects;
        this.clock = clock;
    }

    /** Counts of one import: memories stored and memories skipped as already present. */
    public record Summary(int stored, int skipped, boolean embedded) {
    }

    public Summary importAll(List<RememberRequest> requests, ProjectContext context, Duration modelWait,
            IntConsumer progress) {
        Optional<Embedder> model = embeddings.await(modelWait);
        int stored = 0;
        int skipped = 0;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int start = 0; start < requests.size(); start += BATCH) {
            List<NewMemory> batch = new ArrayList<>();
            for (RememberRequest request : requests.subList(start, Math.min(requests.size(), start + BATCH))) {
                Optional<NewMemory> memory = toNewMemory(request, context).filter(candidate -> seen.add(
                        candidate.contentHash() + candidate.project()) && candidate.externalId().map(seen::add)
                                .orElse(true));
                memory.ifPresent(batch::add);
                skipped += memory.isEmpty() ? 1 : 0;
            }
            List<Optional<StoredEmbedding>> vectors = embed(batch, model);
            for (int i = 0; i < batch.size(); i++) {
                store.insert(batch.get(i), vectors.get(i));
            }
            stored += batch.size();
            progress.accept(Math.min(requests.size(), start + BATCH));
        }
        return new Summary(stored, skipped, model.isPresent());
    }

    private Optional<NewMemory> toNewMemory(RememberRequest request, ProjectContext context) {
        Optional<ProjectKey> scope = request.project().map(text -> projects.resolve(Optional.of(text), context));
        Draft draft = Draft.of(request);
        Optional<Memory> existing = request.externalId().flatMap(store::findByExternalId)
                .or(() -> store.findActiveByContentHash(draft.hash(), scope));
        if (existing.isPresent()) {
            return Optional.empty();
        }
        scope.ifPresent(key -> store.ensureProject(key, ProjectResolver.rootOf(key), clock.instant()));
        return Optional.of(draft.toNewMemory(request, scope, clock.instant()));
    }

    private static List<Optional<StoredEmbedding>> embed(List<NewMemory> batch, Optional<Embedder> model) {
        if (model.isEmpty()) {
            return batch.stream().map(memory -> Optional.<StoredEmbedding>empty()).toList();
        }
        List<MemoryWriter.TitledText> texts = batch.stream()
                .map(memory -> new MemoryWriter.TitledText(memory.title(), memory.body())).toList();
        return MemoryWriter.embedAll(model.get(), texts).stream().map(Optional::of).toList();
    }
}

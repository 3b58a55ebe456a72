package dev.scms.core;

import dev.scms.embed.Embedder;
import dev.scms.model.Memory;
import dev.scms.model.NewMemory;
import dev.scms.model.ProjectKey;
import dev.scms.model.Status;
import dev.scms.store.MemoryStore;
import dev.scms.store.StoredEmbedding;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Imports many memories at once: embeds them in batches and skips those already stored, so
 * that importing one file twice stores it once. A memory is already stored when a stored
 * memory has its id and its content hash, or when a memory of its scope has its content hash.
 * A memory whose id belongs to a stored memory with other content is stored without that id,
 * so it gets an id of this store on export and the two never share one. Texts are stored as
 * written, outer blanks included, and an archived memory is stored as archived. A memory stored
 * before the import blocks a line whatever the two statuses, because an import adds memories
 * and never changes or revives one. So an active line whose text is stored only as archived is
 * skipped and reported, and a forgotten memory stays forgotten. Within one file the same text
 * may appear once active and once archived, as a database contains it after forget and a new
 * add, and both are stored. Unlike {@link Rememberer} it does not look for near-identical
 * texts, which would cost a scan of the store per memory.
 */
public final class Importer {

    private static final int BATCH = 64;

    /** The detail where the store keeps the reason of an archived memory. */
    private static final String ARCHIVED_REASON = "archived_reason";

    private final MemoryStore store;
    private final EmbeddingSource embeddings;
    private final ProjectResolver projects;
    private final Clock clock;
    private final int embedThreads;

    /** Creates an importer that embeds on the calling thread alone. */
    public Importer(MemoryStore store, EmbeddingSource embeddings, ProjectResolver projects, Clock clock) {
        this(store, embeddings, projects, clock, 1);
    }

    /**
     * Creates an importer that embeds each batch on {@code embedThreads} threads at once, the
     * calling thread included. Every text gets the vector it gets on one thread.
     */
    public Importer(MemoryStore store, EmbeddingSource embeddings, ProjectResolver projects, Clock clock,
            int embedThreads) {
        if (embedThreads < 1) {
            throw new IllegalArgumentException("embedThreads must be at least 1, got " + embedThreads);
        }
        this.store = store;
        this.embeddings = embeddings;
        this.projects = projects;
        this.clock = clock;
        this.embedThreads = embedThreads;
    }


    /**
     * Counts of one import: memories stored, memories skipped as already present, and how many
     * of the stored ones left their id behind because another memory has it. {@code archivedTwins}
     * lists the ids of archived memories whose text an active line repeated; those lines are among
     * the skipped ones.
     */
    public record Summary(int stored, int skipped, int idsDropped, boolean embedded, List<Long> archivedTwins) {

        public Summary {
            archivedTwins = List.copyOf(archivedTwins);
        }
    }

    /** A memory about to be inserted, with the request it came from, whose status decides how. */
    private record Pending(NewMemory memory, RememberRequest request) {
    }

    /**
     * Imports the memories in batches. The inserts of one batch form one write transaction, so a
     * failed insert leaves none of its batch stored, and a new import of the same file stores the
     * rest. Memories are embedded before the transaction starts.
     */
    public Summary importAll(List<RememberRequest> requests, ProjectContext context, Duration modelWait,
            IntConsumer progress) {
        Optional<Embedder> model = embeddings.await(modelWait);
        try (EmbeddingWorkers workers = model.isPresent() ? EmbeddingWorkers.start(embedThreads)
                : EmbeddingWorkers.callingThread()) {
            return importAll(requests, context, model, workers, progress);
        }
    }

    private Summary importAll(List<RememberRequest> requests, ProjectContext context, Optional<Embedder> model,
            EmbeddingWorkers workers, IntConsumer progress) {
        ExchangeIds ids = new ExchangeIds(store.storeId());
        int stored = 0;
        int skipped = 0;
        int idsDropped = 0;
        Set<String> seen = new HashSet<>();
        Set<Long> inserted = new HashSet<>();
        List<Long> archivedTwins = new ArrayList<>();
        for (int start = 0; start < requests.size(); start += BATCH) {
            List<Pending> batch = new ArrayList<>();
            for (RememberRequest request : requests.subList(start, Math.min(requests.size(), start + BATCH))) {
                Optional<NewMemory> memory = toNewMemory(request, context, ids, inserted, archivedTwins)
                        .filter(candidate -> seen.add(candidate.contentHash() + candidate.project() + request.status())
                                && candidate.externalId().map(seen::add).orElse(true));
                memory.ifPresent(candidate -> batch.add(new Pending(candidate, request)));
                skipped += memory.isEmpty() ? 1 : 0;
                idsDropped += memory.filter(candidate -> candidate.externalId().isEmpty()
                        && request.externalId().isPresent()).isPresent() ? 1 : 0;
            }
            List<Optional<StoredEmbedding>> vectors = embed(batch.stream().map(Pending::memory).toList(), model,
                    workers);
            List<Long> batchIds = insertAll(batch, vectors, inserted);
            inserted.addAll(batchIds);
            stored += batchIds.size();
            skipped += batch.size() - batchIds.size();
            progress.accept(Math.min(requests.size(), start + BATCH));
        }
        return new Summary(stored, skipped, idsDropped, model.isPresent(), archivedTwins);
    }

    private Optional<NewMemory> toNewMemory(RememberRequest request, ProjectContext context, ExchangeIds ids,
            Set<Long> inserted, List<Long> archivedTwins) {
        Optional<ProjectKey> scope = request.project().map(text -> projects.resolve(Optional.of(text), context));
        Draft draft = Draft.verbatim(request);
        Optional<Memory> holder = request.externalId().flatMap(id -> holderOf(id, ids));
        if (holder.filter(memory -> memory.contentHash().equals(draft.hash())).isPresent()) {
            return Optional.empty();
        }
        List<Memory> twins = store.findByContentHash(draft.hash(), scope).stream()
                .filter(twin -> !inserted.contains(twin.id())).toList();
        if (!twins.isEmpty()) {
            if (request.status() == Status.ACTIVE && twins.stream().noneMatch(Memory::isActive)) {
                archivedTwins.add(twins.get(0).id());
            }
            return Optional.empty();
        }
        scope.ifPresent(key -> store.ensureProject(key, ProjectResolver.rootOf(key), clock.instant()));
        NewMemory memory = draft.toNewMemory(request, scope, clock.instant());
        boolean idTaken = holder.isPresent() || request.externalId().map(id -> ids.localId(id).isPresent())
                .orElse(false);
        return Optional.of(idTaken ? memory.withoutExternalId() : memory);
    }

    /**
     * Inserts the batch in one write transaction and returns the new ids. Memories that another
     * process stored after the batch was checked, while this one embedded it, are skipped.
     */
    private List<Long> insertAll(List<Pending> batch, List<Optional<StoredEmbedding>> vectors, Set<Long> inserted) {
        if (batch.isEmpty()) {
            return List.of();
        }
        return store.inWriteTransaction("import of " + batch.size() + " memories", () -> {
            List<Long> ids = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Optional<NewMemory> memory = recheck(batch.get(i).memory(), inserted, ids);
                if (memory.isPresent()) {
                    ids.add(insert(memory.get(), batch.get(i).request(), vectors.get(i)).id());
                }
            }
            return ids;
        });
    }

    /**
     * Checks a memory again inside the write transaction. Returns empty when another process has
     * stored a memory with its external id and text, or its twin in scope. Returns it without its
     * external id when another process took that id for another text.
     */
    private Optional<NewMemory> recheck(NewMemory memory, Set<Long> inserted, List<Long> batchIds) {
        Optional<Memory> holder = memory.externalId().flatMap(store::findByExternalId);
        if (holder.filter(stored -> stored.contentHash().equals(memory.contentHash())).isPresent()) {
            return Optional.empty();
        }
        boolean twinStored = store.findByContentHash(memory.contentHash(), memory.project()).stream()
                .anyMatch(twin -> !inserted.contains(twin.id()) && !batchIds.contains(twin.id()));
        if (twinStored) {
            return Optional.empty();
        }
        return Optional.of(holder.isPresent() ? memory.withoutExternalId() : memory);
    }

    private Memory insert(NewMemory memory, RememberRequest request, Optional<StoredEmbedding> vector) {
        if (request.status() == Status.ARCHIVED) {
            Object reason = request.details().get(ARCHIVED_REASON);
            return store.insertArchived(memory, vector, reason instanceof String text ? text : "", clock.instant());
        }
        return store.insert(memory, vector);
    }

    /**
     * Finds the stored memory that an id names: for an id this store handed out, the memory with
     * that database id, else the memory with that external id.
     */
    private Optional<Memory> holderOf(String id, ExchangeIds ids) {
        OptionalLong local = ids.localId(id);
        return local.isPresent() ? store.find(local.getAsLong()) : store.findByExternalId(id);
    }

    private static List<Optional<StoredEmbedding>> embed(List<NewMemory> batch, Optional<Embedder> model,
            EmbeddingWorkers workers) {
        if (model.isEmpty()) {
            return batch.stream().map(memory -> Optional.<StoredEmbedding>empty()).toList();
        }
        List<MemoryWriter.TitledText> texts = batch.stream()
                .map(memory -> new MemoryWriter.TitledText(memory.title(), memory.body())).toList();
        return MemoryWriter.embedAll(model.get(), texts, workers).stream().map(Optional::of).toList();
    }
}

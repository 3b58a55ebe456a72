package dev.scms.store;

import dev.scms.model.Memory;
import dev.scms.model.NewMemory;
import dev.scms.model.ProjectKey;
import dev.scms.model.Use;
import java.time.Instant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Durable storage of memories, uses, retrievals, promotions, projects and the summaries of ended
 * sessions.
 *
 * <p>Implementations are safe to share between threads of one process and between processes
 * on one database: counters change in SQL, never by read-modify-write in Java, and every
 * change to a memory raises its change sequence so that {@link #changesSince} sees it.
 * Failures surface as {@link StoreException}; {@link StoreBusyException} when another
 * process held the write lock for longer than the busy timeout.
 */
public interface MemoryStore extends AutoCloseable {

    /** Stores a new memory with its embedding, if any, in one transaction. */
    Memory insert(NewMemory memory, Optional<StoredEmbedding> embedding);

    /**
     * Stores a new memory unless a memory with its external id (in any status) or an active
     * memory with its content hash in exactly its project scope exists. The check and the insert
     * run in one write transaction, so two processes that write the same text at the same moment
     * store it once and both get the same id.
     */
    InsertResult insertUnlessPresent(NewMemory memory, Optional<StoredEmbedding> embedding);

    /**
     * Stores a new memory as archived, with its embedding if any and the reason under
     * {@code archived_reason}, in one transaction, so that no crash leaves it active.
     */
    Memory insertArchived(NewMemory memory, Optional<StoredEmbedding> embedding, String reason, Instant at);

    Optional<Memory> find(long id);

    Optional<Memory> findByExternalId(String externalId);

    /** Finds an active memory with this content hash in exactly this scope (global when empty). */
    Optional<Memory> findActiveByContentHash(String contentHash, Optional<ProjectKey> project);

    /** Finds every memory, active or archived, with this content hash in exactly this scope, oldest first. */
    List<Memory> findByContentHash(String contentHash, Optional<ProjectKey> project);

    /** Lists memories matching the filter, newest first, then by id. */
    List<Memory> list(MemoryFilter filter);

    /** Counts the memories matching the filter, ignoring its limit and offset. */
    int count(MemoryFilter filter);

    /**
     * Runs a full-text query built from free text over title, body and tags of active memories
     * visible from the scope. Returns hits with a BM25 score where higher is better, best first.
     * Text with no searchable word returns an empty list, never an error.
     */
    List<LexicalHit> searchText(String text, Optional<ProjectKey> project, int limit);

    /**
     * Starts, in the background, whatever makes {@link #searchText} faster for a process that
     * searches many times, such as a server; {@link #searchText} returns the same hits before and
     * after. Later calls do nothing. Stores without such a preparation do nothing.
     */
    default void prepareTextSearch() {
    }

    /** Records a use, raises the counters in SQL and returns the memory as it is now. */
    Memory recordUse(Use use);

    /** Returns true when the user already recorded a use of the memory from that retrieval. */
    boolean hasUse(long memoryId, long retrievalId, String user);

    /** Counts helpful uses of a memory and their distinct users, in one project or everywhere. */
    UseEvidence useEvidence(long memoryId, Optional<ProjectKey> project);

    /** Counts distinct users who recorded any use in the project. */
    int distinctUsers(ProjectKey project);

    /** Raises the occurrence count of a re-discovered memory and its last-seen time. */
    Memory recordOccurrence(long id, Instant at);

    /** Archives a memory (reversible with {@link #restore}); archived memories are never retrieved. */
    Memory archive(long id, String reason, Instant at);

    Memory restore(long id, Instant at);

    /**
     * Creates an L1 rule from a pattern and records the promotion with its evidence, in one
     * transaction. Returns the promotion, which names the new rule.
     */
    Promotion promote(long patternId, NewMemory rule, Optional<StoredEmbedding> embedding, String policy,
            Map<String, Object> evidence, Instant at);

    /**
     * Runs work as one write transaction that holds the database write lock from start to end.
     * Store calls that the work makes on this thread join the transaction: their reads see its
     * writes, and every write commits or rolls back with it (rolled back when the work throws).
     * Keep slow steps such as embedding and file writes outside, because other processes wait.
     */
    <T> T inWriteTransaction(String operation, Supplier<T> work);

    /** Returns the promotions of a pattern, oldest first. */
    List<Promotion> promotionsOf(long patternId);

    /** Logs a retrieval (the log is bounded), raises the retrieval counters and returns its id. */
    long logRetrieval(RetrievalRecord retrieval);

    Optional<RetrievalRecord> findRetrieval(long id);

    /** Returns the most recent retrievals, newest first, optionally of one project. */
    List<RetrievalRecord> recentRetrievals(int limit, Optional<ProjectKey> project);

    /**
     * Registers a project on its first write and returns it; later calls keep the first creation
     * time, from which the project's age counts. Reads such as retrievals never call it.
     */
    ProjectInfo ensureProject(ProjectKey key, Optional<String> root, Instant now);

    Optional<ProjectInfo> findProject(ProjectKey key);

    /** Finds projects whose display name equals the given name, ignoring case. */
    List<ProjectInfo> findProjectsByName(String name);

    /**
     * Returns every memory whose change sequence is greater than {@code afterSeq}, active or not,
     * with its vector for the given model when one is stored, in change-sequence order.
     */
    List<ChangedMemory> changesSince(long afterSeq, String modelId);

    /**
     * Returns the first {@code limit} memories that {@link #changesSince(long, String)} returns,
     * so a caller can read a large store in pages of bounded memory.
     *
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    default List<ChangedMemory> changesSince(long afterSeq, String modelId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        List<ChangedMemory> changes = changesSince(afterSeq, modelId);
        return changes.size() <= limit ? changes : List.copyOf(changes.subList(0, limit));
    }

    /**
     * Returns the file in which {@link VectorCache} may save the vectors it holds, so a later start
     * reads them from there; empty for a store that keeps none.
     */
    default Optional<Path> savedVectorsFile() {
        return Optional.empty();
    }

    /** Stores or replaces the embedding of a memory and raises its change sequence. */
    void putEmbedding(long memoryId, StoredEmbedding embedding);

    /**
     * Returns ids of active memories that have no embedding for the given model, or one without
     * sentence vectors.
     */
    List<Long> idsWithoutEmbedding(String modelId, int limit);

    /** Counts memories by layer, kind and status, in a project's view or everywhere. */
    StoreCounts counts(Optional<ProjectKey> project);

    /** Stores the summary row of an ended session and returns it with its id. */
    SessionSummary recordSession(SessionSummary session);

    /** Returns the latest ended sessions, newest first, optionally of one project. */
    List<SessionSummary> recentSessions(int limit, Optional<ProjectKey> project);

    /** Sums the stored sessions, in one project or everywhere. */
    SessionTotals sessionTotals(Optional<ProjectKey> project);

    /**
     * Returns the random id this store drew when it was created. Export builds the ids of the
     * memories stored here from it; a copy of the database file has the same id.
     */
    String storeId();

    /** Returns the bearer tokens of the HTTP server kept in this store. */
    AccessTokens accessTokens();

    /** Returns the location of the store, for messages and {@code memory_stats}. */
    String location();

    @Override
    void close();
}

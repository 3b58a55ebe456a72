package dev.scms.store.sqlite;

import dev.scms.model.Memory;
import dev.scms.model.NewMemory;
import dev.scms.model.ProjectKey;
import dev.scms.model.Use;
import dev.scms.store.AccessTokens;
import dev.scms.store.ChangedMemory;
import dev.scms.store.InsertResult;
import dev.scms.store.LexicalHit;
import dev.scms.store.MemoryFilter;
import dev.scms.store.MemoryStore;
import dev.scms.store.ProjectInfo;
import dev.scms.store.QueryTerms;
import dev.scms.store.Promotion;
import dev.scms.store.RetrievalRecord;
import dev.scms.store.SessionSummary;
import dev.scms.store.SessionTotals;
import dev.scms.store.StoreCounts;
import dev.scms.store.StoreException;
import dev.scms.store.StoredEmbedding;
import dev.scms.store.UseEvidence;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The SQLite store: one file shared by every server process of a user. Safety between
 * processes comes from SQLite (WAL mode, a busy timeout, {@code BEGIN IMMEDIATE} for every
 * write unit, counters raised in SQL). Safety between threads comes from one lock around the
 * one connection. Every value from a request reaches SQL as a statement parameter. Only
 * constants and integers that SCMS sets (the busy timeout setting, the schema version) are
 * written into SQL text, because PRAGMA statements take no parameters. Open it with
 * {@link #open(Path, Clock)}.
 */
public final class SqliteMemoryStore implements MemoryStore {

    private final Database database;
    private final Clock clock;
    private final SqliteStoreSettings settings;
    private final ChangeFeed changeFeed;
    private final SqliteAccessTokens accessTokens;
    private final IndexedTextSearch textSearch;

    private SqliteMemoryStore(Database database, Clock clock, SqliteStoreSettings settings) {
        this.database = database;
        this.clock = clock;
        this.settings = settings;
        this.changeFeed = new ChangeFeed(database);
        this.accessTokens = new SqliteAccessTokens(database);
        this.textSearch = new IndexedTextSearch(database, settings);
    }

    /** Opens or creates the database with {@link SqliteStoreSettings#defaults()}. */
    public static SqliteMemoryStore open(Path file, Clock clock) {
        return open(file, clock, SqliteStoreSettings.defaults());
    }

    /**
     * Opens or creates the database at {@code file}, creating its parent folders, and migrates
     * it to the latest schema. A database whose schema is newer than this program is rejected
     * with a {@link StoreException} before anything is written to it.
     */
    public static SqliteMemoryStore open(Path file, Clock clock, SqliteStoreSettings settings) {
        return open(file, clock, settings, Migrations.standard());
    }

    /**
     * Opens an existing database at the latest schema, as short-lived commands need: a missing
     * file or an older schema is rejected with a {@link StoreException}, never created or migrated.
     */
    public static SqliteMemoryStore openExisting(Path file, Clock clock, SqliteStoreSettings settings) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(settings, "settings");
        return new SqliteMemoryStore(StoreOpener.open(file, settings, Migrations.standard(), false, clock), clock, settings);
    }

    static SqliteMemoryStore open(Path file, Clock clock, SqliteStoreSettings settings, Migrations migrations) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(settings, "settings");
        return new SqliteMemoryStore(StoreOpener.open(file, settings, migrations, true, clock), clock, settings);
    }

    @Override
    public String storeId() {
        return database.read("read of the store id", connection -> StoreInfoRows.storeId(connection,
                database.file()));
    }

    @Override
    public AccessTokens accessTokens() {
        return accessTokens;
    }

    @Override
    public Memory insert(NewMemory memory, Optional<StoredEmbedding> embedding) {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(embedding, "embedding");
        return database.write("insert of memory \"" + memory.title() + "\"", connection -> {
            long id = MemoryWrites.insert(connection, memory);
            if (embedding.isPresent()) {
                MemoryWrites.putEmbedding(connection, id, embedding.get());
            }
            return MemoryQueries.require(connection, id);
        });
    }

    @Override
    public InsertResult insertUnlessPresent(NewMemory memory, Optional<StoredEmbedding> embedding) {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(embedding, "embedding");
        return database.write("insert unless present of memory \"" + memory.title() + "\"", connection -> {
            Optional<Memory> existing = MemoryQueries.findPresent(connection, memory);
            if (existing.isPresent()) {
                return new InsertResult(existing.get(), false);
            }
            long id = MemoryWrites.insert(connection, memory);
            if (embedding.isPresent()) {
                MemoryWrites.putEmbedding(connection, id, embedding.get());
            }
            return new InsertResult(MemoryQueries.require(connection, id), true);
        });
    }

    @Override
    public Memory insertArchived(NewMemory memory, Optional<StoredEmbedding> embedding, String reason, Instant at) {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(embedding, "embedding");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        return database.write("insert of archived memory \"" + memory.title() + "\"", connection -> {
            long id = MemoryWrites.insert(connection, memory);
            if (embedding.isPresent()) {
                MemoryWrites.putEmbedding(connection, id, embedding.get());
            }
            MemoryWrites.archive(connection, id, reason, at);
            return MemoryQueries.require(connection, id);
        });
    }

    @Override
    public Optional<Memory> find(long id) {
        return database.read("find of memory " + id, connection -> MemoryQueries.find(connection, id));
    }

    @Override
    public Optional<Memory> findByExternalId(String externalId) {
        Objects.requireNonNull(externalId, "externalId");
        return database.read("find of external id " + externalId,
                connection -> MemoryQueries.findByExternalId(connection, externalId));
    }

    @Override
    public List<Memory> findByContentHash(String contentHash, Optional<ProjectKey> project) {
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(project, "project");
        return database.read("find of content hash " + contentHash + " in any status",
                connection -> MemoryQueries.findByContentHash(connection, contentHash, project));
    }

    @Override
    public Optional<Memory> findActiveByContentHash(String contentHash, Optional<ProjectKey> project) {
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(project, "project");
        return database.read("find of content hash " + contentHash,
                connection -> MemoryQueries.findActiveByContentHash(connection, contentHash, project));
    }

    @Override
    public List<Memory> list(MemoryFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return database.read("list of memories", connection -> MemoryQueries.list(connection, filter));
    }

    @Override
    public int count(MemoryFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return database.read("count of memories", connection -> MemoryQueries.count(connection, filter));
    }

    @Override
    public List<LexicalHit> searchText(String text, Optional<ProjectKey> project, int limit) {
        Objects.requireNonNull(project, "project");
        requirePositive("limit", limit);
        Optional<QueryTerms> terms = QueryTerms.from(text);
        if (terms.isEmpty()) {
            return List.of();
        }
        Optional<List<LexicalHit>> indexed = textSearch.search(text, terms.get(), project, limit);
        if (indexed.isPresent()) {
            return indexed.get();
        }
        Optional<String> match = FtsQuery.from(text);
        if (match.isEmpty()) {
            return List.of();
        }
        return database.read("full-text search", connection -> MemoryQueries.search(connection, match.get(), project,
                limit, settings));
    }

    @Override
    public Memory recordUse(Use use) {
        Objects.requireNonNull(use, "use");
        return database.write("record of a use of memory " + use.memoryId(), connection -> {
            MemoryWrites.recordUse(connection, use);
            return MemoryQueries.require(connection, use.memoryId());
        });
    }

    @Override
    public boolean hasUse(long memoryId, long retrievalId, String user) {
        Objects.requireNonNull(user, "user");
        return database.read("use of memory " + memoryId + " from retrieval " + retrievalId,
                connection -> UseQueries.exists(connection, memoryId, retrievalId, user));
    }

    @Override
    public UseEvidence useEvidence(long memoryId, Optional<ProjectKey> project) {
        Objects.requireNonNull(project, "project");
        return database.read("use evidence of memory " + memoryId, connection -> {
            MemoryQueries.require(connection, memoryId);
            return UseQueries.evidence(connection, memoryId, project);
        });
    }

    @Override
    public int distinctUsers(ProjectKey project) {
        Objects.requireNonNull(project, "project");
        return database.read("count of users of project " + project,
                connection -> UseQueries.distinctUsers(connection, project));
    }

    @Override
    public Memory recordOccurrence(long id, Instant at) {
        Objects.requireNonNull(at, "at");
        return database.write("record of an occurrence of memory " + id, connection -> {
            MemoryWrites.recordOccurrence(connection, id, at);
            return MemoryQueries.require(connection, id);
        });
    }

    @Override
    public Memory archive(long id, String reason, Instant at) {
        Objects.requireNonNull(at, "at");
        return database.write("archive of memory " + id, connection -> {
            MemoryWrites.archive(connection, id, reason == null ? "" : reason, at);
            return MemoryQueries.require(connection, id);
        });
    }

    @Override
    public Memory restore(long id, Instant at) {
        Objects.requireNonNull(at, "at");
        return database.write("restore of memory " + id, connection -> {
            MemoryWrites.restore(connection, id, at);
            return MemoryQueries.require(connection, id);
        });
    }

    @Override
    public <T> T inWriteTransaction(String operation, Supplier<T> work) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(work, "work");
        return database.write(operation, connection -> work.get());
    }

    @Override
    public Promotion promote(long patternId, NewMemory rule, Optional<StoredEmbedding> embedding, String policy,
            Map<String, Object> evidence, Instant at) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(embedding, "embedding");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(at, "at");
        return database.write("promotion of memory " + patternId,
                connection -> PromotionRows.promote(connection, patternId, rule, embedding, policy, evidence, at));
    }

    @Override
    public List<Promotion> promotionsOf(long patternId) {
        return database.read("list of promotions of memory " + patternId,
                connection -> PromotionRows.ofPattern(connection, patternId));
    }

    @Override
    public long logRetrieval(RetrievalRecord retrieval) {
        Objects.requireNonNull(retrieval, "retrieval");
        Instant oldestKept = clock.instant().minus(settings.retrievalRetention());
        return database.write("log of a retrieval",
                connection -> RetrievalLog.log(connection, retrieval, settings.maxRetrievals(), oldestKept));
    }

    @Override
    public Optional<RetrievalRecord> findRetrieval(long id) {
        return database.read("find of retrieval " + id, connection -> RetrievalLog.find(connection, id));
    }

    @Override
    public List<RetrievalRecord> recentRetrievals(int limit, Optional<ProjectKey> project) {
        requirePositive("limit", limit);
        Objects.requireNonNull(project, "project");
        return database.read("list of recent retrievals", connection -> RetrievalLog.recent(connection, limit, project));
    }

    @Override
    public ProjectInfo ensureProject(ProjectKey key, Optional<String> root, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(now, "now");
        // Every write of a use case registers its project: a read first keeps known projects off the write lock.
        Optional<ProjectInfo> known = findProject(key);
        if (known.isPresent()) {
            return known.get();
        }
        return database.write("registration of project " + key, connection -> ProjectRows.ensure(connection, key, root, now));
    }

    @Override
    public Optional<ProjectInfo> findProject(ProjectKey key) {
        Objects.requireNonNull(key, "key");
        return database.read("find of project " + key, connection -> ProjectRows.find(connection, key));
    }

    @Override
    public List<ProjectInfo> findProjectsByName(String name) {
        Objects.requireNonNull(name, "name");
        return database.read("find of projects named " + name, connection -> ProjectRows.byName(connection, name));
    }

    /** Returns the file beside the database, named after it with {@code .vectors} added. */
    @Override
    public Optional<Path> savedVectorsFile() {
        Path file = database.file();
        return Optional.of(file.resolveSibling(file.getFileName() + ".vectors"));
    }

    @Override
    public List<ChangedMemory> changesSince(long afterSeq, String modelId) {
        Objects.requireNonNull(modelId, "modelId");
        return changeFeed.changesSince(afterSeq, modelId, Integer.MAX_VALUE);
    }

    @Override
    public List<ChangedMemory> changesSince(long afterSeq, String modelId, int limit) {
        Objects.requireNonNull(modelId, "modelId");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return changeFeed.changesSince(afterSeq, modelId, limit);
    }

    @Override
    public void putEmbedding(long memoryId, StoredEmbedding embedding) {
        Objects.requireNonNull(embedding, "embedding");
        database.write("store of the embedding of memory " + memoryId, connection -> {
            MemoryQueries.require(connection, memoryId);
            MemoryWrites.putEmbedding(connection, memoryId, embedding);
            return null;
        });
    }

    @Override
    public List<Long> idsWithoutEmbedding(String modelId, int limit) {
        Objects.requireNonNull(modelId, "modelId");
        requirePositive("limit", limit);
        return database.read("list of memories without an embedding of model " + modelId,
                connection -> MemoryQueries.idsWithoutEmbedding(connection, modelId, limit));
    }

    @Override
    public StoreCounts counts(Optional<ProjectKey> project) {
        Objects.requireNonNull(project, "project");
        return database.read("counts", connection -> StoreCountQuery.counts(connection, project));
    }

    @Override
    public SessionSummary recordSession(SessionSummary session) {
        Objects.requireNonNull(session, "session");
        return database.write("record of session " + session.sessionKey(),
                connection -> SessionRows.insert(connection, session));
    }

    @Override
    public List<SessionSummary> recentSessions(int limit, Optional<ProjectKey> project) {
        requirePositive("limit", limit);
        Objects.requireNonNull(project, "project");
        return database.read("list of recent sessions", connection -> SessionRows.recent(connection, limit, project));
    }

    @Override
    public SessionTotals sessionTotals(Optional<ProjectKey> project) {
        Objects.requireNonNull(project, "project");
        return database.read("session totals", connection -> SessionRows.totals(connection, project));
    }

    /** Returns the value of a pragma on this store's connection, for tests of the configuration. */
    String pragma(String name) {
        return database.read("read of pragma " + name, connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("PRAGMA " + name)) {
                return row.next() ? row.getString(1) : "";
            }
        });
    }

    @Override
    public String location() {
        return database.file().toString();
    }

    @Override
    public void prepareTextSearch() {
        textSearch.start();
    }

    /**
     * Builds the full-text index that {@link #prepareTextSearch()} builds in the background, on the
     * calling thread, as tests and benchmarks need. Returns true when searches now use it.
     */
    public boolean buildTextIndex() {
        textSearch.buildNow();
        return textSearch.isReady();
    }

    /** Returns how many searches ran on the full-text index instead of FTS5. */
    long textIndexSearches() {
        return textSearch.indexedSearches();
    }

    @Override
    public void close() {
        textSearch.close();
        database.close();
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}

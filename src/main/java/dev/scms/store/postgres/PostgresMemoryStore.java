package dev.scms.store.postgres;

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
import dev.scms.store.Promotion;
import dev.scms.store.QueryTerms;
import dev.scms.store.RetrievalRecord;
import dev.scms.store.SessionSummary;
import dev.scms.store.SessionTotals;
import dev.scms.store.StoreCounts;
import dev.scms.store.StoreException;
import dev.scms.store.StoredEmbedding;
import dev.scms.store.UseEvidence;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MemoryStore} in a PostgreSQL database, which a team shares. It keeps the tables of
 * the SQLite store, searches with PostgreSQL's text search over a stored, GIN-indexed
 * {@code tsvector}, and stores vectors as {@code bytea} in the SQLite store's encoding. When the
 * server has the pgvector extension, a {@code vector(384)} column also contains each memory's
 * vector for SQL tools; the router still scans its in-memory cache.
 *
 * <p>Every write runs in a transaction that holds one advisory lock (see
 * {@link PostgresConnections}), so writers on every machine queue one at a time, change
 * sequences follow commit order, and {@link #changesSince} misses no change.
 */
public final class PostgresMemoryStore implements MemoryStore {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresMemoryStore.class);

    private final PostgresConnections connections;
    private final Clock clock;
    private final PostgresStoreSettings settings;
    private final boolean pgvector;
    private final String storeId;
    private final PgAccessTokens accessTokens;

    private PostgresMemoryStore(PostgresConnections connections, Clock clock, PostgresStoreSettings settings,
            boolean pgvector, String storeId) {
        this.connections = connections;
        this.clock = clock;
        this.settings = settings;
        this.pgvector = pgvector;
        this.storeId = storeId;
        this.accessTokens = new PgAccessTokens(connections);
    }

    /**
     * Connects to the database, creates or migrates the schema and returns the store. A database
     * whose schema is newer than this program is rejected with a {@link StoreException} before
     * anything changes in it; an unreachable server or rejected credentials raise one that names
     * the URL without its password.
     */
    public static PostgresMemoryStore open(PostgresUrl url, Clock clock, PostgresStoreSettings settings) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(settings, "settings");
        PostgresConnections connections = new PostgresConnections(url, settings.busyTimeout(), settings.maxConnections(),
                settings.idleCheck());
        String operation = "opening the store";
        try (Connection connection = connections.open(operation)) {
            boolean pgvector = PostgresMigrations.migrate(connection, url.display());
            String storeId = PgProjectRows.storeId(connection, url.display());
            LOG.info("Opened PostgreSQL store {} (store id {}, pgvector column {})", url.display(), storeId,
                    pgvector ? "present" : "absent");
            return new PostgresMemoryStore(connections, clock, settings, pgvector, storeId);
        } catch (SQLException e) {
            connections.close();
            throw connections.translate(operation, e);
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
    }

    /** Returns true when the database has pgvector's column of whole-memory vectors. */
    public boolean hasPgvectorColumn() {
        return pgvector;
    }

    @Override
    public String storeId() {
        return storeId;
    }

    @Override
    public AccessTokens accessTokens() {
        return accessTokens;
    }

    @Override
    public Memory insert(NewMemory memory, Optional<StoredEmbedding> embedding) {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(embedding, "embedding");
        return connections.write("insert of memory \"" + memory.title() + "\"", connection -> {
            long id = insertWithEmbedding(connection, memory, embedding);
            return PgMemoryQueries.require(connection, id);
        });
    }

    @Override
    public InsertResult insertUnlessPresent(NewMemory memory, Optional<StoredEmbedding> embedding) {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(embedding, "embedding");
        return connections.write("insert unless present of memory \"" + memory.title() + "\"", connection -> {
            Optional<Memory> existing = PgMemoryQueries.findPresent(connection, memory);
            if (existing.isPresent()) {
                return new InsertResult(existing.get(), false);
            }
            long id = insertWithEmbedding(connection, memory, embedding);
            return new InsertResult(PgMemoryQueries.require(connection, id), true);
        });
    }

    @Override
    public Memory insertArchived(NewMemory memory, Optional<StoredEmbedding> embedding, String reason, Instant at) {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(embedding, "embedding");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        return connections.write("insert of archived memory \"" + memory.title() + "\"", connection -> {
            long id = insertWithEmbedding(connection, memory, embedding);
            PgMemoryWrites.archive(connection, id, reason, at);
            return PgMemoryQueries.require(connection, id);
        });
    }

    private long insertWithEmbedding(Connection connection, NewMemory memory, Optional<StoredEmbedding> embedding)
            throws SQLException {
        long id = PgMemoryWrites.insert(connection, memory);
        if (embedding.isPresent()) {
            PgMemoryWrites.putEmbedding(connection, id, embedding.get(), pgvector);
        }
        return id;
    }

    @Override
    public Optional<Memory> find(long id) {
        return connections.read("find of memory " + id, connection -> PgMemoryQueries.find(connection, id));
    }

    @Override
    public Optional<Memory> findByExternalId(String externalId) {
        Objects.requireNonNull(externalId, "externalId");
        return connections.read("find of external id " + externalId,
                connection -> PgMemoryQueries.findByExternalId(connection, externalId));
    }

    @Override
    public Optional<Memory> findActiveByContentHash(String contentHash, Optional<ProjectKey> project) {
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(project, "project");
        return connections.read("find of content hash " + contentHash,
                connection -> PgMemoryQueries.findActiveByContentHash(connection, contentHash, project));
    }

    @Override
    public List<Memory> findByContentHash(String contentHash, Optional<ProjectKey> project) {
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(project, "project");
        return connections.read("find of content hash " + contentHash + " in any status",
                connection -> PgMemoryQueries.findByContentHash(connection, contentHash, project));
    }

    @Override
    public List<Memory> list(MemoryFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return connections.read("list of memories", connection -> PgMemoryQueries.list(connection, filter));
    }

    @Override
    public int count(MemoryFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return connections.read("count of memories", connection -> PgMemoryQueries.count(connection, filter));
    }

    @Override
    public List<LexicalHit> searchText(String text, Optional<ProjectKey> project, int limit) {
        Objects.requireNonNull(project, "project");
        requirePositive("limit", limit);
        Optional<QueryTerms> terms = QueryTerms.from(text);
        if (terms.isEmpty()) {
            return List.of();
        }
        return connections.read("full-text search", connection -> PgMemoryQueries.search(connection, terms.get(),
                project, limit, settings.rankWeights()));
    }

    @Override
    public Memory recordUse(Use use) {
        Objects.requireNonNull(use, "use");
        return connections.write("record of a use of memory " + use.memoryId(), connection -> {
            PgMemoryWrites.recordUse(connection, use);
            return PgMemoryQueries.require(connection, use.memoryId());
        });
    }

    @Override
    public boolean hasUse(long memoryId, long retrievalId, String user) {
        Objects.requireNonNull(user, "user");
        return connections.read("use of memory " + memoryId + " from retrieval " + retrievalId,
                connection -> PgActivityRows.useExists(connection, memoryId, retrievalId, user));
    }

    @Override
    public UseEvidence useEvidence(long memoryId, Optional<ProjectKey> project) {
        Objects.requireNonNull(project, "project");
        return connections.read("use evidence of memory " + memoryId, connection -> {
            PgMemoryQueries.require(connection, memoryId);
            return PgActivityRows.evidence(connection, memoryId, project);
        });
    }

    @Override
    public int distinctUsers(ProjectKey project) {
        Objects.requireNonNull(project, "project");
        return connections.read("count of users of project " + project,
                connection -> PgActivityRows.distinctUsers(connection, project));
    }

    @Override
    public Memory recordOccurrence(long id, Instant at) {
        Objects.requireNonNull(at, "at");
        return connections.write("record of an occurrence of memory " + id, connection -> {
            PgMemoryWrites.recordOccurrence(connection, id, at);
            return PgMemoryQueries.require(connection, id);
        });
    }

    @Override
    public Memory archive(long id, String reason, Instant at) {
        Objects.requireNonNull(at, "at");
        return connections.write("archive of memory " + id, connection -> {
            PgMemoryWrites.archive(connection, id, reason == null ? "" : reason, at);
            return PgMemoryQueries.require(connection, id);
        });
    }

    @Override
    public Memory restore(long id, Instant at) {
        Objects.requireNonNull(at, "at");
        return connections.write("restore of memory " + id, connection -> {
            PgMemoryWrites.restore(connection, id, at);
            return PgMemoryQueries.require(connection, id);
        });
    }

    @Override
    public Promotion promote(long patternId, NewMemory rule, Optional<StoredEmbedding> embedding, String policy,
            Map<String, Object> evidence, Instant at) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(embedding, "embedding");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(at, "at");
        return connections.write("promotion of memory " + patternId, connection -> PgActivityRows.promote(connection,
                patternId, rule, embedding, policy, evidence, at, pgvector));
    }

    @Override
    public <T> T inWriteTransaction(String operation, Supplier<T> work) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(work, "work");
        return connections.write(operation, connection -> work.get());
    }

    @Override
    public List<Promotion> promotionsOf(long patternId) {
        return connections.read("list of promotions of memory " + patternId,
                connection -> PgActivityRows.promotionsOf(connection, patternId));
    }

    @Override
    public long logRetrieval(RetrievalRecord retrieval) {
        Objects.requireNonNull(retrieval, "retrieval");
        Instant oldestKept = clock.instant().minus(settings.retrievalRetention());
        return connections.write("log of a retrieval", connection -> PgActivityRows.logRetrieval(connection, retrieval,
                settings.maxRetrievals(), oldestKept));
    }

    @Override
    public Optional<RetrievalRecord> findRetrieval(long id) {
        return connections.read("find of retrieval " + id, connection -> PgActivityRows.findRetrieval(connection, id));
    }

    @Override
    public List<RetrievalRecord> recentRetrievals(int limit, Optional<ProjectKey> project) {
        requirePositive("limit", limit);
        Objects.requireNonNull(project, "project");
        return connections.read("list of recent retrievals",
                connection -> PgActivityRows.recentRetrievals(connection, limit, project));
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
        return connections.write("registration of project " + key,
                connection -> PgProjectRows.ensure(connection, key, root, now));
    }

    @Override
    public Optional<ProjectInfo> findProject(ProjectKey key) {
        Objects.requireNonNull(key, "key");
        return connections.read("find of project " + key, connection -> PgProjectRows.find(connection, key));
    }

    @Override
    public List<ProjectInfo> findProjectsByName(String name) {
        Objects.requireNonNull(name, "name");
        return connections.read("find of projects named " + name, connection -> PgProjectRows.byName(connection, name));
    }

    @Override
    public List<ChangedMemory> changesSince(long afterSeq, String modelId) {
        return changesSince(afterSeq, modelId, Integer.MAX_VALUE);
    }

    @Override
    public List<ChangedMemory> changesSince(long afterSeq, String modelId, int limit) {
        Objects.requireNonNull(modelId, "modelId");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return connections.read("list of changes after sequence " + afterSeq,
                connection -> PgMemoryQueries.changesSince(connection, afterSeq, modelId, limit));
    }

    @Override
    public void putEmbedding(long memoryId, StoredEmbedding embedding) {
        Objects.requireNonNull(embedding, "embedding");
        connections.write("store of the embedding of memory " + memoryId, connection -> {
            PgMemoryQueries.require(connection, memoryId);
            PgMemoryWrites.putEmbedding(connection, memoryId, embedding, pgvector);
            return null;
        });
    }

    @Override
    public List<Long> idsWithoutEmbedding(String modelId, int limit) {
        Objects.requireNonNull(modelId, "modelId");
        requirePositive("limit", limit);
        return connections.read("list of memories without an embedding of model " + modelId,
                connection -> PgMemoryQueries.idsWithoutEmbedding(connection, modelId, limit));
    }

    @Override
    public StoreCounts counts(Optional<ProjectKey> project) {
        Objects.requireNonNull(project, "project");
        return connections.read("counts", connection -> PgProjectRows.counts(connection, project));
    }

    @Override
    public SessionSummary recordSession(SessionSummary session) {
        Objects.requireNonNull(session, "session");
        return connections.write("record of session " + session.sessionKey(),
                connection -> PgSessionRows.insert(connection, session));
    }

    @Override
    public List<SessionSummary> recentSessions(int limit, Optional<ProjectKey> project) {
        requirePositive("limit", limit);
        Objects.requireNonNull(project, "project");
        return connections.read("list of recent sessions", connection -> PgSessionRows.recent(connection, limit, project));
    }

    @Override
    public SessionTotals sessionTotals(Optional<ProjectKey> project) {
        Objects.requireNonNull(project, "project");
        return connections.read("session totals", connection -> PgSessionRows.totals(connection, project));
    }

    /** Returns the URL of the database without the password. */
    @Override
    public String location() {
        return connections.url().display();
    }

    @Override
    public void close() {
        connections.close();
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}

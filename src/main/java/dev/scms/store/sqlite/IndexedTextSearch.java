package dev.scms.store.sqlite;

import dev.scms.model.ProjectKey;
import dev.scms.store.LexicalHit;
import dev.scms.store.QueryTerms;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs full-text searches on a {@link TextIndex} in memory instead of FTS5, with the same
 * hits and scores. FTS5 scores every row that shares a word with the query: 13 to 18 ms of CPU
 * time for a development query at 10,000 memories, and most of 243 ms at 100,000.
 *
 * <p>{@link #start()} builds the index on a background thread from the rows of {@code memories}.
 * Each search first applies the rows whose change sequence rose since, as the vector cache does,
 * so writes of other processes are seen. After every change the index compares its row count
 * and token totals with those FTS5 stored. Until the index is built, after a failed build, when
 * the totals differ, inside a write unit, or for a query with a character beyond ASCII,
 * {@link #search} returns empty and the caller runs the FTS5 query.
 */
final class IndexedTextSearch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IndexedTextSearch.class);

    /** Rows read per query while building or refreshing. */
    static final int PAGE = 5_000;

    private final Database database;
    private final double[] weights;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong indexedSearches = new AtomicLong();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ExecutorService builder = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "scms-text-index");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });
    // Guarded by the write lock.
    private final TextIndex index = new TextIndex();
    private long lastSeq;
    private volatile boolean ready;
    private volatile boolean consistent;
    private volatile boolean closed;
    private boolean warned;

    IndexedTextSearch(Database database, SqliteStoreSettings settings) {
        this.database = database;
        this.weights = new double[] {settings.titleWeight(), settings.bodyWeight(), settings.tagsWeight()};
    }

    /** Starts the build on the background thread; later calls do nothing. */
    void start() {
        if (started.compareAndSet(false, true)) {
            builder.execute(this::build);
        }
    }

    /** True once the index is built and agrees with FTS5's totals. */
    boolean isReady() {
        return ready && consistent;
    }

    /** Builds the index on the calling thread, for tests; {@link #start()} does it in the background. */
    void buildNow() {
        started.set(true);
        build();
    }

    /** Returns how many searches ran on the index instead of FTS5. */
    long indexedSearches() {
        return indexedSearches.get();
    }

    private void build() {
        try {
            long begin = System.nanoTime();
            refresh();
            ready = true;
            LOG.info("Built the full-text index of {} memories in {} ms", index.rows(),
                    (System.nanoTime() - begin) / 1_000_000);
        } catch (RuntimeException e) {
            if (closed) {
                return;
            }
            LOG.warn("Full-text index not built, searches use FTS5: {}", e.getMessage(), e);
        }
    }

    /** Returns the hits as FTS5 ranks them, or empty when FTS5 must run the search. */
    Optional<List<LexicalHit>> search(String text, QueryTerms terms, Optional<ProjectKey> project, int limit) {
        // Rows of an open write unit may roll back, so the index never takes them in.
        if (!ready || !Fts5Tokenizer.isAscii(text) || database.inWriteOnThisThread()) {
            return Optional.empty();
        }
        long maxSeq = database.read("change sequence of the full-text index", TextRows::maxSeq);
        // Totals that disagreed may have been read between two commits of another process, so they are read again.
        if (maxSeq != lastSeqRead() || !consistent) {
            refresh();
        }
        lock.readLock().lock();
        try {
            if (!consistent || index.overflowed()) {
                return Optional.empty();
            }
            Optional<List<LexicalHit>> hits = TextIndexQuery.search(index, terms, project, limit, weights);
            if (hits.isPresent()) {
                indexedSearches.incrementAndGet();
            }
            return hits;
        } finally {
            lock.readLock().unlock();
        }
    }

    private long lastSeqRead() {
        lock.readLock().lock();
        try {
            return lastSeq;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Applies every changed row, then compares the index with FTS5's totals read with the last page. */
    private void refresh() {
        lock.writeLock().lock();
        try {
            TextRows.Page page;
            do {
                long after = lastSeq;
                page = database.read("rows changed after sequence " + after + " for the full-text index",
                        connection -> TextRows.changedAfter(connection, after, PAGE));
                page.rows().forEach(index::put);
                lastSeq = page.maxSeq();
            } while (page.fts5Totals().isEmpty());
            check(page.fts5Totals().get());
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void check(long[] fts5) {
        long[] own = index.columnTotals();
        boolean agrees = fts5[0] == index.rows() && fts5[1] == own[0] && fts5[2] == own[1] && fts5[3] == own[2];
        if (!agrees && !warned) {
            warned = true;
            LOG.warn("Full-text index disagrees with FTS5 (rows and column tokens {} against {} {}), searches use FTS5",
                    Arrays.toString(fts5), index.rows(), Arrays.toString(own));
        }
        consistent = agrees;
    }

    @Override
    public void close() {
        closed = true;
        builder.shutdownNow();
    }
}

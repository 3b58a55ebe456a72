package dev.scms.core;

import dev.scms.store.MemoryStore;
import dev.scms.store.RetrievalRecord;
import dev.scms.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the retrieval log row of each retrieval. The row only serves record_use and the
 * statistics, so a write that fails, as on a read-only or busy database, is logged as a WARN and
 * the retrieval still returns its result, without an id. Warnings are limited to one per
 * {@link #WARN_INTERVAL}, and the next one counts the failures it left out.
 */
final class RetrievalLog {

    private static final Logger LOG = LoggerFactory.getLogger(RetrievalLog.class);
    static final Duration WARN_INTERVAL = Duration.ofMinutes(1);

    private final MemoryStore store;
    private final Clock clock;
    private Optional<Instant> lastWarning = Optional.empty();
    private int unreported;

    RetrievalLog(MemoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Writes {@code record} and returns its id, or empty when the write failed. */
    Optional<Long> write(RetrievalRecord record) {
        try {
            return Optional.of(store.logRetrieval(record));
        } catch (StoreException e) {
            warn(e);
            return Optional.empty();
        }
    }

    private synchronized void warn(StoreException failure) {
        Instant now = clock.instant();
        if (lastWarning.isPresent() && now.isBefore(lastWarning.get().plus(WARN_INTERVAL))) {
            unreported++;
            return;
        }
        LOG.warn("Writing the retrieval log failed, so the retrieval is answered without a retrieval_id "
                + "({} more such failures since the last warning): {}", unreported, failure.getMessage());
        lastWarning = Optional.of(now);
        unreported = 0;
    }
}

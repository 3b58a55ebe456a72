package dev.scms.store.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of a {@link PostgresMemoryStore}.
 *
 * @param busyTimeout how long a write waits for another writer's lock ({@code lock_timeout}) before it fails
 * @param titleWeight full-text weight of the title, relative to the others
 * @param bodyWeight full-text weight of the body
 * @param tagsWeight full-text weight of the tags
 * @param maxRetrievals the maximum number of rows kept in the retrieval log
 * @param retrievalRetention how long a logged retrieval is kept at most
 * @param maxConnections the maximum number of connections the store opens to the server
 * @param idleCheck idle time after which a pooled connection is checked with a round trip before it is used
 */
public record PostgresStoreSettings(Duration busyTimeout, double titleWeight, double bodyWeight, double tagsWeight,
        int maxRetrievals, Duration retrievalRetention, int maxConnections, Duration idleCheck) {

    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofMillis(5000);
    public static final int DEFAULT_MAX_RETRIEVALS = 10_000;
    public static final Duration DEFAULT_RETRIEVAL_RETENTION = Duration.ofDays(90);
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    public static final Duration DEFAULT_IDLE_CHECK = Duration.ofSeconds(30);

    public PostgresStoreSettings {
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(retrievalRetention, "retrievalRetention");
        Objects.requireNonNull(idleCheck, "idleCheck");
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busy timeout must lie in [0, " + Integer.MAX_VALUE + "] ms, got "
                    + busyTimeout.toMillis() + " ms");
        }
        requireWeight("title", titleWeight);
        requireWeight("body", bodyWeight);
        requireWeight("tags", tagsWeight);
        if (Math.max(titleWeight, Math.max(bodyWeight, tagsWeight)) == 0.0) {
            throw new IllegalArgumentException("at least one full-text weight must be above 0");
        }
        if (maxRetrievals < 1) {
            throw new IllegalArgumentException("max retrievals must be at least 1, got " + maxRetrievals);
        }
        if (retrievalRetention.isNegative() || retrievalRetention.isZero()) {
            throw new IllegalArgumentException("retrieval retention must be positive, got " + retrievalRetention);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be at least 1, got " + maxConnections);
        }
        if (idleCheck.isNegative()) {
            throw new IllegalArgumentException("idle check must not be negative, got " + idleCheck);
        }
    }

    /**
     * Returns a 5000 ms busy timeout and full-text weights 1.0 / 2.0 / 1.0 (title / body / tags),
     * as the SQLite store's defaults have. Up to 10,000 retrievals are kept for 90 days, at most 8
     * connections are open, and a connection idle for 30 s or more is checked before use.
     */
    public static PostgresStoreSettings defaults() {
        return new PostgresStoreSettings(DEFAULT_BUSY_TIMEOUT, 1.0, 2.0, 1.0, DEFAULT_MAX_RETRIEVALS,
                DEFAULT_RETRIEVAL_RETENTION, DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_CHECK);
    }

    public PostgresStoreSettings withBusyTimeout(Duration timeout) {
        return new PostgresStoreSettings(timeout, titleWeight, bodyWeight, tagsWeight, maxRetrievals, retrievalRetention,
                maxConnections, idleCheck);
    }

    public PostgresStoreSettings withMaxRetrievals(int max) {
        return new PostgresStoreSettings(busyTimeout, titleWeight, bodyWeight, tagsWeight, max, retrievalRetention,
                maxConnections, idleCheck);
    }

    public PostgresStoreSettings withMaxConnections(int max) {
        return new PostgresStoreSettings(busyTimeout, titleWeight, bodyWeight, tagsWeight, maxRetrievals,
                retrievalRetention, max, idleCheck);
    }

    public PostgresStoreSettings withIdleCheck(Duration idle) {
        return new PostgresStoreSettings(busyTimeout, titleWeight, bodyWeight, tagsWeight, maxRetrievals,
                retrievalRetention, maxConnections, idle);
    }

    /**
     * Returns the weights in the {D, C, B, A} order of {@code ts_rank}, scaled so that the largest
     * is 1.0, because ts_rank rejects weights above 1.0. D is unused by the search vector.
     */
    float[] rankWeights() {
        double largest = Math.max(titleWeight, Math.max(bodyWeight, tagsWeight));
        return new float[] {0.0f, (float) (tagsWeight / largest), (float) (titleWeight / largest),
            (float) (bodyWeight / largest)};
    }

    private static void requireWeight(String column, double weight) {
        if (!(weight >= 0.0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException(column + " weight must be a finite number >= 0, got " + weight);
        }
    }
}

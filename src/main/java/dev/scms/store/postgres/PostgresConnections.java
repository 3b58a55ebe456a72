package dev.scms.store.postgres;

import dev.scms.store.StoreBusyException;
import dev.scms.store.StoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small pool of connections to one PostgreSQL database, and its write transactions. A write
 * unit takes a transaction-scoped advisory lock on a fixed key before its first statement, so
 * writers of every process queue one at a time, as SQLite's {@code BEGIN IMMEDIATE} makes them,
 * and a check-then-insert inside a unit is race free. Work that a unit runs on its thread, reads
 * included, joins the unit's connection and transaction.
 */
final class PostgresConnections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresConnections.class);

    /** The advisory lock key of write units: "scms" in ASCII, then 2. */
    static final long WRITE_LOCK = 0x73636d7300000002L;

    /** Seconds that the check of an idle connection may take. */
    private static final int CHECK_TIMEOUT_SECONDS = 2;

    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String DEADLOCK_DETECTED = "40P01";

    private final PostgresUrl url;
    private final Duration busyTimeout;
    private final Semaphore permits;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private final ThreadLocal<Connection> transaction = new ThreadLocal<>();
    private final int maxConnections;
    private final long idleCheckNanos;
    private volatile boolean closed;

    PostgresConnections(PostgresUrl url, Duration busyTimeout, int maxConnections, Duration idleCheck) {
        this.url = url;
        this.busyTimeout = busyTimeout;
        this.maxConnections = maxConnections;
        this.idleCheckNanos = idleCheck.toNanos();
        this.permits = new Semaphore(maxConnections, true);
    }

    PostgresUrl url() {
        return url;
    }

    /** Opens a connection outside the pool, for the migration at start and for tools; the caller closes it. */
    Connection open(String operation) {
        try {
            return DriverManager.getConnection(url.jdbcUrl(), url.properties());
        } catch (SQLException e) {
            throw translate(operation, e);
        }
    }

    /** Runs work with auto-commit, or inside the thread's open write unit; {@code operation} names it in errors. */
    <T> T read(String operation, PgWork<T> work) {
        Connection bound = transaction.get();
        if (bound != null) {
            return joined(operation, bound, work);
        }
        Connection connection = borrow(operation);
        boolean broken = false;
        try {
            return work.run(connection);
        } catch (SQLException e) {
            broken = isConnectionFailure(e);
            throw translate(operation, e);
        } finally {
            release(connection, broken);
        }
    }

    /**
     * Runs work in one transaction that holds the write lock, committed at the end and rolled back
     * if the work throws. A write inside a unit on this thread joins it.
     */
    <T> T write(String operation, PgWork<T> work) {
        Connection bound = transaction.get();
        if (bound != null) {
            return joined(operation, bound, work);
        }
        Connection connection = borrow(operation);
        boolean broken = false;
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // lock_timeout 0 would mean no limit, while a busy timeout of 0 means fail at once.
                statement.execute("SET LOCAL lock_timeout = " + Math.max(1, busyTimeout.toMillis()));
                statement.execute("SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
            }
            transaction.set(connection);
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException e) {
            broken = isConnectionFailure(e);
            rollbackAfter(connection, e);
            throw translate(operation, e);
        } catch (RuntimeException e) {
            rollbackAfter(connection, e);
            throw e;
        } finally {
            transaction.remove();
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                broken = true;
            }
            release(connection, broken);
        }
    }

    private <T> T joined(String operation, Connection connection, PgWork<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw translate(operation, e);
        }
    }

    private Connection borrow(String operation) {
        if (closed) {
            throw new IllegalStateException("PostgreSQL store " + url.display() + " is closed");
        }
        try {
            if (!permits.tryAcquire(Math.max(1, busyTimeout.toMillis()), TimeUnit.MILLISECONDS)) {
                throw new StoreBusyException("PostgreSQL store " + url.display() + " is busy: all " + maxConnections
                        + " connections stayed in use for more than " + busyTimeout.toMillis() + " ms during "
                        + operation + "; try again", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(operation + " was interrupted while waiting for a connection to "
                    + url.display(), e);
        }
        Optional<Connection> pooled = pooled();
        if (pooled.isPresent()) {
            return pooled.get();
        }
        try {
            return DriverManager.getConnection(url.jdbcUrl(), url.properties());
        } catch (SQLException e) {
            permits.release();
            throw translate(operation, e);
        }
    }

    /**
     * Returns the most recently used idle connection. One idle for at least the idle check time is
     * checked first, and dropped when the server closed it, as
     * a restart or an idle timeout of a proxy does.
     */
    private Optional<Connection> pooled() {
        while (true) {
            Idle entry;
            synchronized (idle) {
                entry = idle.pollFirst();
            }
            if (entry == null) {
                return Optional.empty();
            }
            if (System.nanoTime() - entry.since() < idleCheckNanos || isValid(entry.connection())) {
                return Optional.of(entry.connection());
            }
            LOG.info("Dropped a connection to PostgreSQL store {} that the server closed while it was idle",
                    url.display());
            closeQuietly(entry.connection());
        }
    }

    private static boolean isValid(Connection connection) {
        try {
            return connection.isValid(CHECK_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private void release(Connection connection, boolean broken) {
        boolean keep = !broken && !closed;
        if (keep) {
            synchronized (idle) {
                idle.addFirst(new Idle(connection, System.nanoTime()));
            }
        } else {
            closeQuietly(connection);
        }
        permits.release();
    }

    private static void rollbackAfter(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P");
    }

    /** Maps a failure to a {@link StoreException} whose message names the URL without its password. */
    StoreException translate(String operation, SQLException e) {
        return translate(url, busyTimeout, operation, e);
    }

    static StoreException translate(PostgresUrl url, Duration busyTimeout, String operation, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = "PostgreSQL store " + url.display();
        if (state.equals(LOCK_NOT_AVAILABLE) || state.equals(DEADLOCK_DETECTED)) {
            return new StoreBusyException(where + " is busy: another process held the write lock for more than "
                    + busyTimeout.toMillis() + " ms during " + operation + "; try again", e);
        }
        if (state.equals("28P01") || state.equals("28000") || state.equals("08004") && isPasswordMessage(e)) {
            return new StoreException(operation + " failed: " + where + " rejected user " + url.user() + ": "
                    + e.getMessage() + "; check the user and the password in the URL or in "
                    + PostgresUrl.PASSWORD_VARIABLE, e);
        }
        if (state.equals("3D000")) {
            return new StoreException(operation + " failed: database " + url.database() + " does not exist on "
                    + url.hosts() + "; create it with createdb or CREATE DATABASE, as docs/team.md shows", e);
        }
        if (state.startsWith("08")) {
            return new StoreException(operation + " failed: cannot reach " + where + ": " + e.getMessage()
                    + "; check that the server runs, that the host and port are right and that it accepts"
                    + " connections from this machine", e);
        }
        return new StoreException(operation + " failed in " + where + ": " + e.getMessage(), e);
    }

    private static boolean isPasswordMessage(SQLException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("password") || message.contains("authentication");
    }

    @Override
    public void close() {
        closed = true;
        synchronized (idle) {
            idle.forEach(entry -> closeQuietly(entry.connection()));
            idle.clear();
        }
    }

    /** A pooled connection and the {@link System#nanoTime()} at which it became idle. */
    private record Idle(Connection connection, long since) {
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing a PostgreSQL connection failed: {}", e.getMessage());
        }
    }
}

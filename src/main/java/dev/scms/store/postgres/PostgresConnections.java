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

    /**
     * Runs work with auto-commit, or inside the thread's open write unit; {@code operation} names it
     * in errors. Work that fails because its pooled connection was closed by the server runs once
     * more on a new connection: reads change nothing, so running them again is safe.
     */
    <T> T read(String operation, PgWork<T> work) {
        Connection bound = transaction.get();
        if (bound != null) {
            return joined(operation, bound, work);
        }
        for (int attempt = 1;; attempt++) {
            Lent lent = borrow(operation);
            boolean broken = false;
            try {
                return work.run(lent.connection());
            } catch (SQLException e) {
                broken = isConnectionFailure(e);
                if (!retries(lent, broken, attempt, e)) {
                    throw translate(operation, e);
                }
            } finally {
                release(lent.connection(), broken);
            }
        }
    }

    /**
     * Runs work in one transaction that holds the write lock, committed at the end and rolled back
     * if the work throws. A write inside a unit on this thread joins it. A unit whose pooled
     * connection was closed by the server before the commit was sent runs once more on a new
     * connection, because the server rolled the first attempt back. A failure during the commit is
     * not repeated, because the commit may have taken effect.
     */
    <T> T write(String operation, PgWork<T> work) {
        Connection bound = transaction.get();
        if (bound != null) {
            return joined(operation, bound, work);
        }
        for (int attempt = 1;; attempt++) {
            Lent lent = borrow(operation);
            Connection connection = lent.connection();
            boolean broken = false;
            boolean committing = false;
            try {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    // lock_timeout 0 would mean no limit, while a busy timeout of 0 means fail at once.
                    statement.execute("SET LOCAL lock_timeout = " + Math.max(1, busyTimeout.toMillis()));
                    statement.execute("SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
                }
                transaction.set(connection);
                T result = work.run(connection);
                committing = true;
                connection.commit();
                return result;
            } catch (SQLException e) {
                broken = isConnectionFailure(e);
                rollbackAfter(connection, e);
                if (committing || !retries(lent, broken, attempt, e)) {
                    throw translate(operation, e);
                }
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
    }

    /**
     * Decides whether a failed attempt runs again: only the first, only on a connection taken from
     * the pool, and only when the connection failed. The server closes every connection when it
     * restarts, so the idle ones are dropped too.
     */
    private boolean retries(Lent lent, boolean broken, int attempt, SQLException failure) {
        if (attempt > 1 || !broken || !lent.pooled()) {
            return false;
        }
        LOG.info("A pooled connection to PostgreSQL store {} was closed by the server ({}); dropped the idle "
                + "connections and trying once more on a new one", url.display(), failure.getMessage());
        dropIdle();
        return true;
    }

    private void dropIdle() {
        synchronized (idle) {
            idle.forEach(entry -> closeQuietly(entry.connection()));
            idle.clear();
        }
    }

    private <T> T joined(String operation, Connection connection, PgWork<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw translate(operation, e);
        }
    }

    private Lent borrow(String operation) {
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
            return new Lent(pooled.get(), true);
        }
        try {
            return new Lent(DriverManager.getConnection(url.jdbcUrl(), url.properties()), false);
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
        String cause = driverText(e);
        if (state.equals(LOCK_NOT_AVAILABLE) || state.equals(DEADLOCK_DETECTED)) {
            return new StoreBusyException(where + " is busy: another process held the write lock for more than "
                    + busyTimeout.toMillis() + " ms during " + operation + "; try again", e);
        }
        if (state.equals("28P01") || state.equals("28000") || state.equals("08004") && isPasswordMessage(e)) {
            return new StoreException(operation + " failed: " + where + " rejected user " + url.user() + ": "
                    + cause + "; check the user and the password in the URL or in "
                    + PostgresUrl.PASSWORD_VARIABLE, e);
        }
        if (state.equals("3D000")) {
            return new StoreException(operation + " failed: database " + url.database() + " does not exist on "
                    + url.hosts() + " (URL " + url.display() + "); create it with createdb or CREATE DATABASE, "
                    + "as docs/team.md shows, or fix the database name in the URL", e);
        }
        Optional<String> unknownHost = unknownHost(e);
        if (unknownHost.isPresent()) {
            return new StoreException(operation + " failed: cannot reach " + where + ": the host name "
                    + unknownHost.get() + " could not be resolved; check the host in the URL", e);
        }
        if (state.startsWith("08") || state.startsWith("57P")) {
            return new StoreException(operation + " failed: cannot reach " + where + ": " + cause
                    + "; check that the server runs, that the host and port are right and that it accepts"
                    + " connections from this machine, then try again", e);
        }
        return new StoreException(operation + " failed in " + where + ": " + cause, e);
    }

    /** Returns the driver's message without its closing period, so that it can sit inside a sentence. */
    private static String driverText(SQLException e) {
        String message = String.valueOf(e.getMessage()).strip();
        while (message.endsWith(".")) {
            message = message.substring(0, message.length() - 1);
        }
        return message;
    }

    /** Returns the host name when the failure comes from a name that could not be resolved. */
    private static Optional<String> unknownHost(SQLException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.UnknownHostException unknown) {
                return Optional.of(String.valueOf(unknown.getMessage()));
            }
        }
        return Optional.empty();
    }

    private static boolean isPasswordMessage(SQLException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("password") || message.contains("authentication");
    }

    @Override
    public void close() {
        closed = true;
        dropIdle();
    }

    /** A connection lent to one unit of work; {@code pooled} when it was idle in the pool before. */
    private record Lent(Connection connection, boolean pooled) {
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

package dev.scms.store.sqlite;

import dev.scms.store.StoreBusyException;
import dev.scms.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one JDBC connection of a store, guarded by a lock because tool calls arrive on several
 * threads. The connection stays in auto-commit mode, and a write unit issues {@code BEGIN IMMEDIATE}
 * and {@code COMMIT} itself, so the write lock is held only while the unit runs, never while
 * the connection is idle. A database that this user cannot write is opened for reads, and every
 * write unit throws a {@link StoreException} that names the file and the fix.
 */
final class Database implements AutoCloseable {

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private final Connection connection;
    private final Path file;
    private final long busyTimeoutMillis;
    private final Optional<String> readOnly;
    private final ReentrantLock lock = new ReentrantLock();
    private long committedWrites;
    private int writeDepth;
    private boolean closed;

    /** @param readOnly why this user cannot write the file, from {@link WriteAccess}, or empty */
    Database(Connection connection, Path file, long busyTimeoutMillis, Optional<String> readOnly) {
        this.connection = connection;
        this.file = file;
        this.busyTimeoutMillis = busyTimeoutMillis;
        this.readOnly = readOnly;
    }

    Path file() {
        return file;
    }

    /** Runs read-only work; {@code operation} names it and the id involved, for error messages. */
    <T> T read(String operation, SqlWork<T> work) {
        lock.lock();
        try {
            requireOpen();
            return work.run(connection);
        } catch (SQLException e) {
            throw translate(operation, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs work in one {@code BEGIN IMMEDIATE} transaction, rolled back if the work throws. A
     * write started by work that already runs in a transaction on this thread joins it, so a
     * check and the insert it guards can form one unit.
     */
    <T> T write(String operation, SqlWork<T> work) {
        lock.lock();
        try {
            requireOpen();
            if (writeDepth > 0) {
                return joined(work);
            }
            if (readOnly.isPresent()) {
                throw new StoreException(operation + " failed: " + readOnly.get() + ", then restart scms");
            }
            execute("BEGIN IMMEDIATE");
            T result;
            try {
                result = joined(work);
                execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollbackAfter(e);
                throw e;
            }
            committedWrites++;
            return result;
        } catch (SQLException e) {
            throw translate(operation, e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T joined(SqlWork<T> work) throws SQLException {
        writeDepth++;
        try {
            return work.run(connection);
        } finally {
            writeDepth--;
        }
    }

    /** True when the calling thread runs inside a write unit, whose changes may still roll back. */
    boolean inWriteOnThisThread() {
        return lock.isHeldByCurrentThread() && writeDepth > 0;
    }

    /** Returns how many write units this connection has committed, to detect its own changes. */
    long committedWrites() {
        lock.lock();
        try {
            return committedWrites;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                connection.close();
            }
        } catch (SQLException e) {
            throw new StoreException("closing database " + file + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void rollbackAfter(Exception failure) {
        try {
            execute("ROLLBACK");
        } catch (SQLException rollbackFailure) {
            // SQLite rolls back by itself after some errors, so ROLLBACK then finds no transaction.
            failure.addSuppressed(rollbackFailure);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("store " + file + " is closed");
        }
    }

    private StoreException translate(String operation, SQLException e) {
        return translate(file, busyTimeoutMillis, operation, e);
    }

    /** Maps SQLITE_BUSY and SQLITE_LOCKED (and their extended codes) to {@link StoreBusyException}. */
    static StoreException translate(Path file, long busyTimeoutMillis, String operation, SQLException e) {
        int primaryCode = e.getErrorCode() & 0xff;
        if (primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED) {
            return new StoreBusyException("database " + file + " is busy: another process held the write lock for more than "
                    + busyTimeoutMillis + " ms during " + operation + "; try again", e);
        }
        return new StoreException(operation + " failed in database " + file + ": " + e.getMessage(), e);
    }
}

package dev.scms.store.sqlite;

import dev.scms.store.OwnerOnlyFiles;
import dev.scms.store.StoreException;
import dev.scms.store.sqlite.WalInspector.WalProblem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a WAL problem of a database that is about to be opened, in the server log. A damaged
 * WAL is first copied to {@code <name>-wal.damaged.bak} next to the database, owner-only like
 * the database, because SQLite drops the damaged frame and every frame after it when it opens the file.
 */
final class DamagedWalReport {

    private static final Logger LOG = LoggerFactory.getLogger(DamagedWalReport.class);

    private DamagedWalReport() {
    }

    /** Inspects the WAL of {@code database}, logs a warning for a problem and returns the copy it kept. */
    static Optional<Path> inspectAndKeep(Path database) {
        Optional<WalProblem> problem = WalInspector.inspect(database);
        if (problem.isEmpty()) {
            return Optional.empty();
        }
        if (!problem.get().walDamaged()) {
            LOG.warn("{}", problem.get().description());
            return Optional.empty();
        }
        Path copy = keepCopy(database);
        LOG.warn("{}. Kept a copy at {}. SQLite drops the damaged frame and every frame after it when it opens "
                + "the database, so the changes in them are missing from the store; stop every scms process and "
                + "restore a backup if they matter", problem.get().description(), copy);
        return Optional.of(copy);
    }

    private static Path keepCopy(Path database) {
        Path wal = WalInspector.walFile(database);
        Path copy = freeCopyPath(wal);
        try {
            OwnerOnlyFiles.createFile(copy);
            try (OutputStream out = Files.newOutputStream(copy)) {
                Files.copy(wal, out);
            }
            return copy;
        } catch (IOException e) {
            throw new StoreException("copying damaged WAL " + wal + " to " + copy + " failed: " + e.getMessage()
                    + "; copy the file by hand before scms opens the database", e);
        }
    }

    /** Returns {@code <wal>.damaged.bak}, or {@code <wal>.damaged.<n>.bak} when that exists. */
    private static Path freeCopyPath(Path wal) {
        String prefix = wal.getFileName() + ".damaged";
        Path candidate = wal.resolveSibling(prefix + ".bak");
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = wal.resolveSibling(prefix + "." + n + ".bak");
        }
        return candidate;
    }
}

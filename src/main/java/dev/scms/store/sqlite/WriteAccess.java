package dev.scms.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds, from file permissions, why this user cannot write a database: a read-only file, or a
 * read-only folder, in which SQLite cannot create the -wal and -shm files it needs. The message
 * names the path and the {@code chmod} command that fixes it.
 */
public final class WriteAccess {

    private WriteAccess() {
    }

    /**
     * Returns why this user cannot write the database {@code file}, naming the file, its folder or
     * both, or empty when it can.
     */
    public static Optional<String> problem(Path file) {
        Path absolute = file.toAbsolutePath();
        Path folder = absolute.getParent();
        List<String> problems = new ArrayList<>();
        if (Files.isRegularFile(absolute) && !Files.isWritable(absolute)) {
            problems.add("database " + absolute + " is read-only for this user; run chmod u+w "
                    + quoted(absolute) + " to allow writes");
        }
        if (Files.isDirectory(folder) && !Files.isWritable(folder)) {
            problems.add("the folder " + folder + " of database " + absolute + " is read-only for this user, "
                    + "so SQLite cannot create the database or its -wal and -shm files there; run chmod u+w "
                    + quoted(folder) + " to allow writes");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; also, ", problems));
    }

    /** Quotes {@code path} for a POSIX shell. */
    private static String quoted(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }
}

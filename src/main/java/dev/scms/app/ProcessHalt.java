package dev.scms.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Ends the process at once with {@link Runtime#halt}, for a command that printed its output while
 * the embedding model was still loading, because {@link System#exit} at that moment can crash the JVM.
 */
final class ProcessHalt {

    private static final Path MAPS = Path.of("/proc/self/maps");

    private ProcessHalt() {
    }

    static void now(int exitCode) {
        deleteExtractedSqliteLibrary();
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(exitCode);
    }

    /**
     * Deletes the native library that sqlite-jdbc extracted to the temp folder, and its lock file.
     * sqlite-jdbc deletes them at JVM exit, which halt skips, and about 1 MB would stay behind per
     * call. The mapped library stays usable until the process ends. NOTE: only Linux lists the
     * mapped files in /proc/self/maps. Elsewhere the two files stay in the temp folder, because
     * sqlite-jdbc's clean-up at a later start skips a library whose lock file exists.
     */
    static void deleteExtractedSqliteLibrary() {
        if (!Files.isReadable(MAPS)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(MAPS);
            lines.stream()
                    .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(path -> path.endsWith("-libsqlitejdbc.so"))
                    .distinct()
                    .forEach(ProcessHalt::deleteWithLock);
        } catch (IOException | RuntimeException e) {
            System.err.println("scms context: deleting the extracted SQLite library failed: " + e.getMessage());
        }
    }

    private static void deleteWithLock(String library) {
        try {
            Files.deleteIfExists(Path.of(library + ".lck"));
            Files.deleteIfExists(Path.of(library));
        } catch (IOException | InvalidPathException e) {
            System.err.println("scms context: deleting " + library + " failed: " + e.getMessage());
        }
    }
}

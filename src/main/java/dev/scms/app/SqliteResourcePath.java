package dev.scms.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;
import org.sqlite.util.OSInfo;

/**
 * Folder in sqlite-jdbc's jar that contains the SQLite library for this platform, such as
 * {@code /org/sqlite/native/Linux/x86_64}, remembered in a file of the native folder. sqlite-jdbc
 * 3.54 finds it with {@code OSInfo}, which runs {@code uname -o} in a child process and lists
 * {@code /proc/self/map_files} at each call. That took about 25 ms of every server start.
 *
 * <p>The remembered folder is used only while the key stored with it equals the key of this JVM.
 * The key is the sqlite-jdbc version and the system properties that {@code OSInfo} reads, with
 * the Java home and runtime version, which decide whether the JVM runs on musl. Any other key, or
 * a file that cannot be read, leads to sqlite-jdbc's own detection, whose result replaces the file.
 */
final class SqliteResourcePath {

    /** Name of the file in the native folder: the key on its first line, the resource folder on its second. */
    static final String FILE_NAME = "sqlite-resource-path";

    /** Largest file that is read; a valid one has about 300 bytes. */
    private static final long MAX_BYTES = 4_096;
    private static final String RESOURCE_ROOT = "/org/sqlite/native/";

    /** System properties that the result of sqlite-jdbc's platform detection depends on. */
    private static final List<String> KEY_PROPERTIES = List.of("os.name", "os.arch",
            "org.sqlite.osinfo.architecture", "java.runtime.name", "java.runtime.version", "java.home",
            "sun.arch.abi", "sun.arch.data.model");

    private static final Logger LOG = LoggerFactory.getLogger(SqliteResourcePath.class);

    private final Path file;
    private final String key;
    private final Supplier<String> detection;

    SqliteResourcePath(Path file, String key, Supplier<String> detection) {
        this.file = Objects.requireNonNull(file, "file");
        this.key = Objects.requireNonNull(key, "key");
        this.detection = Objects.requireNonNull(detection, "detection");
    }

    /** Returns the remembered folder in {@code nativeFolder} for this JVM, or sqlite-jdbc's detection. */
    static SqliteResourcePath in(Path nativeFolder) {
        return new SqliteResourcePath(nativeFolder.resolve(FILE_NAME), currentKey(),
                LibraryLoaderUtil::getNativeLibResourcePath);
    }

    /** Returns the key of this JVM, one {@code name=value} pair per input, joined by tabs. */
    static String currentKey() {
        StringBuilder key = new StringBuilder("sqlite-jdbc=").append(SQLiteJDBCLoader.getVersion());
        for (String property : KEY_PROPERTIES) {
            key.append('\t').append(property).append('=').append(System.getProperty(property, ""));
        }
        return key.toString().replace('\n', ' ').replace('\r', ' ');
    }

    /** A resource folder and whether it came from the file rather than from sqlite-jdbc's detection. */
    record Resolved(String folder, boolean remembered) {
    }

    /** Returns the remembered folder when the key matches, otherwise detects the folder and remembers it. */
    Resolved resolve() {
        return read().map(folder -> new Resolved(folder, true))
                .orElseGet(() -> new Resolved(detectAndRemember(), false));
    }

    /** Detects the folder with sqlite-jdbc and remembers it in place of any folder remembered before. */
    String detectAndRemember() {
        String detected = detection.get();
        write(detected);
        return detected;
    }

    /** Deletes the file, so that the next start detects the folder again. */
    void forget() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Deleting {} failed: {}", file, e.toString());
        }
    }

    private Optional<String> read() {
        List<String> lines;
        try {
            // A FIFO would block the start and a huge file fill the heap, so only a small regular file is read.
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.debug("Reading {} failed, so sqlite-jdbc detects the platform: {}", file, e.toString());
            return Optional.empty();
        }
        if (lines.size() != 2 || !lines.get(0).equals(key)
                || !fits(lines.get(1), System.getProperty("os.name", ""), OSInfo.getArchName())) {
            return Optional.empty();
        }
        return Optional.of(lines.get(1));
    }

    /**
     * Returns true when {@code folder} has the form of sqlite-jdbc's resource folders and names the
     * architecture {@code arch} and a folder of the operating system {@code osName}, such as
     * {@code Linux} or {@code Linux-Musl} for Linux. A folder of another architecture would make
     * sqlite-jdbc log an error and extract its own library at every start.
     *
     * <p>NOTE: the folder of the other C library on the same architecture, such as {@code Linux-Musl}
     * on glibc, passes. Only a hand-edited file names it, and sqlite-jdbc then loads its own copy
     * at every start until the file is deleted.
     */
    static boolean fits(String folder, String osName, String arch) {
        if (!folder.startsWith(RESOURCE_ROOT)) {
            return false;
        }
        String[] parts = folder.substring(RESOURCE_ROOT.length()).split("/", -1);
        if (parts.length != 2) {
            return false;
        }
        String system = parts[0].split("-", 2)[0];
        return !system.isEmpty() && osName.startsWith(system) && parts[1].equals(arch);
    }

    /** Writes the file under a temporary name and renames it, so that a reader never sees half of it. */
    private void write(String folder) {
        Path partial = null;
        try {
            Files.createDirectories(file.getParent());
            partial = Files.createTempFile(file.getParent(), "." + FILE_NAME, ".part");
            Files.writeString(partial, key + "\n" + folder + "\n", StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // The next start detects the folder again, which costs time but nothing else.
            LOG.debug("Remembering the SQLite resource folder in {} failed: {}", file, e.toString());
        } finally {
            deleteQuietly(partial);
        }
    }

    private static void deleteQuietly(Path partial) {
        if (partial == null) {
            return;
        }
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            LOG.debug("Deleting {} failed: {}", partial, e.toString());
        }
    }
}

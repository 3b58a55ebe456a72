package dev.scms.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import dev.scms.embed.EmbeddingException;
import dev.scms.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Places the native libraries of sqlite-jdbc, ONNX Runtime and the DJL tokenizer in one folder
 * that SCMS owns (the {@code native_dir} setting) and points each library at it through the
 * system property it reads, before any of them loads. Left to themselves, sqlite-jdbc (3.54) and
 * ONNX Runtime (1.20) copy their libraries to {@code java.io.tmpdir} under a new name at every
 * start and delete them only at a normal JVM exit, so each killed process left about 1.1 MB and
 * 16.6 MB behind. The DJL tokenizer reuses {@code ~/.djl.ai} and goes to {@code <native_dir>/djl}.
 *
 * <p>NOTE: ONNX Runtime still creates an empty {@code onnxruntime-java*} folder in
 * {@code java.io.tmpdir} at each load and deletes it at exit, so a killed process leaves that
 * empty folder behind.
 */
public final class NativeLibraries {

    /** Outcome of {@link #install}: a failure message per library group, empty when it is ready. */
    public record Status(Path folder, Optional<String> sqliteFailure, Optional<String> modelFailure) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraries.class);
    private static final String ONNX_PATH_PROPERTY = "onnxruntime.native.path";

    private NativeLibraries() {
    }

    /**
     * Copies the libraries into {@code folder} where needed and sets the system properties that
     * make the libraries load from it. Loads the SQLite library at once, so that a folder on a file
     * system mounted noexec is reported here in one line. A later call with another folder copies the
     * file there but loads nothing, because the JVM keeps the first SQLite library it loaded.
     */
    public static Status install(Path folder) {
        return install(folder, true);
    }

    /**
     * Installs SQLite's library, and the model's libraries when {@code withModel} is true. A
     * command that never loads the model leaves ONNX Runtime's property alone, because ONNX
     * Runtime reads it once per JVM and fails for good when the folder it names has gone.
     */
    static Status install(Path folder, boolean withModel) {
        Path absolute = folder.toAbsolutePath();
        Optional<String> modelFailure = withModel ? installModelLibraries(absolute) : Optional.empty();
        Status status = new Status(absolute, installSqlite(absolute), modelFailure);
        status.sqliteFailure().ifPresent(LOG::error);
        status.modelFailure().ifPresent(LOG::warn);
        return status;
    }

    /**
     * Installs the libraries into the settings' native folder and throws when SQLite's library
     * cannot be used, so that no command opens a database through a library that sqlite-jdbc would
     * extract to the temporary folder instead. Call it after logging starts, because logging
     * before that goes to the temporary folder.
     */
    static Status installForStore(Path folder, boolean withModel) {
        Status status = install(folder, withModel);
        status.sqliteFailure().ifPresent(message -> {
            throw new StoreException(message);
        });
        return status;
    }

    /** Throws when the model's libraries could not be placed, so that the model loader reports why. */
    static void requireModelLibraries(Status status) {
        status.modelFailure().ifPresent(message -> {
            throw new EmbeddingException(message);
        });
    }

    /** Returns the one-line message for a library that cannot be placed in or loaded from {@code folder}. */
    static String failure(String library, Path folder, String reason) {
        return library + " native library cannot be used from " + folder + " (" + reason + "): set native_dir"
                + " or SCMS_NATIVE_DIR to a writable folder on a file system that allows executing files";
    }

    private static Optional<String> installSqlite(Path folder) {
        return installSqlite(folder, SqliteResourcePath.in(folder));
    }

    /**
     * Installs SQLite's library from the resource folder that {@code paths} remembers. A remembered
     * folder without the library is detected again at once. A remembered library that cannot be
     * placed or loaded is forgotten, so that the next start detects the folder again. sqlite-jdbc has
     * already tried its own detection by then, and the failure is reported as without the file.
     */
    static Optional<String> installSqlite(Path folder, SqliteResourcePath paths) {
        SqliteResourcePath.Resolved resolved = paths.resolve();
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = resolved.folder() + "/" + name;
        Optional<NativeFile> bundled = NativeFile.bundled(LibraryLoaderUtil.class, resource);
        if (bundled.isEmpty() && resolved.remembered()) {
            resource = paths.detectAndRemember() + "/" + name;
            bundled = NativeFile.bundled(LibraryLoaderUtil.class, resource);
        }
        if (bundled.isEmpty()) {
            LOG.warn("sqlite-jdbc has no native library for this platform at {}; it searches java.library.path",
                    resource);
            return Optional.empty();
        }
        Optional<String> failure;
        try {
            Path library = bundled.get().copyInto(folder.resolve("sqlite-" + bundled.get().fingerprint()));
            failure = loadSqlite(library, folder);
        } catch (IOException e) {
            failure = Optional.of(failure("SQLite", folder, reason(e)));
        }
        if (failure.isPresent() && resolved.remembered()) {
            paths.forget();
        }
        return failure;
    }

    /**
     * Loads SQLite's library through sqlite-jdbc's loader, which loads at most one file per JVM.
     * A second file loaded with {@link System#load} maps a second copy, and sqlite-jdbc's native
     * methods may then bind to a copy that never initialized SQLite, which crashes the JVM (SIGSEGV).
     */
    private static synchronized Optional<String> loadSqlite(Path library, Path folder) {
        System.setProperty("org.sqlite.lib.path", library.getParent().toString());
        System.setProperty("org.sqlite.lib.name", library.getFileName().toString());
        System.setProperty("org.sqlite.tmpdir", folder.toString());
        String loaderReason;
        try {
            if (SQLiteJDBCLoader.initialize()) {
                return Optional.empty();
            }
            loaderReason = "sqlite-jdbc loaded no library";
        } catch (Exception e) {
            loaderReason = reason(e);
        }
        // NOTE: before it fails, sqlite-jdbc may also have extracted a copy into folder.
        return Optional.of(failure("SQLite", folder, loadFailureReason(library, loaderReason)));
    }

    /**
     * Returns the system's reason why {@code library} does not load, such as a noexec mount, which
     * sqlite-jdbc does not report. The direct load is safe here because no copy has loaded yet.
     */
    private static String loadFailureReason(Path library, String loaderReason) {
        try {
            System.load(library.toString());
            return loaderReason;
        } catch (UnsatisfiedLinkError e) {
            return reason(e);
        }
    }

    private static Optional<String> installModelLibraries(Path folder) {
        if (System.getenv("DJL_CACHE_DIR") == null && System.getenv("ENGINE_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", folder.resolve("djl").toString());
        }
        // JNA, loaded while the model loads, otherwise creates ~/.cache/JNA/temp for its own library.
        if (System.getProperty("jna.tmpdir") == null) {
            System.setProperty("jna.tmpdir", folder.resolve("jna").toString());
        }

        try {
            Files.createDirectories(folder.resolve("djl"));
            return installOnnxRuntime(folder);
        } catch (IOException e) {
            return Optional.of(failure("ONNX Runtime", folder, reason(e)));
        }
    }

    private static Optional<String> installOnnxRuntime(Path folder) throws IOException {
        String chosen = System.getProperty(ONNX_PATH_PROPERTY);
        if (chosen != null) {
            // A path given with -Donnxruntime.native.path, or by an earlier install in this JVM, stays,
            // because ONNX Runtime reads the property only once per JVM.
            LOG.debug("ONNX Runtime loads its libraries from {}", chosen);
            return Optional.empty();
        }

        Optional<String> platform = onnxPlatform();
        if (platform.isEmpty()) {
            return Optional.empty();
        }
        String base = "/ai/onnxruntime/native/" + platform.get() + "/";
        Optional<NativeFile> runtime = NativeFile.bundled(NativeLibraries.class,
                base + System.mapLibraryName("onnxruntime"));
        Optional<NativeFile> binding = NativeFile.bundled(NativeLibraries.class,
                base + System.mapLibraryName("onnxruntime4j_jni"));
        if (runtime.isEmpty() || binding.isEmpty()) {
            return Optional.empty();
        }

        Path target = folder.resolve("onnxruntime-" + runtime.get().fingerprint());
        for (NativeFile file : List.of(runtime.get(), binding.get())) {
            file.copyInto(target);
        }
        System.setProperty(ONNX_PATH_PROPERTY, target.toString());
        return Optional.empty();
    }

    /** Returns ONNX Runtime's name for this platform's folder of bundled libraries, such as linux-x64. */
    static Optional<String> onnxPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osPart = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "osx"
                : os.startsWith("windows") ? "win" : "";
        String archPart = arch.equals("amd64") || arch.equals("x86_64") ? "x64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : "";
        if (osPart.isEmpty() || archPart.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(osPart + "-" + archPart);
    }

    static String reason(Throwable failure) {
        if (failure instanceof java.nio.file.AccessDeniedException denied) {
            return denied.getFile() + ": permission denied";
        }
        if (failure instanceof java.nio.file.FileSystemException files) {
            String detail = files.getReason() == null ? files.getClass().getSimpleName() : files.getReason();
            return files.getFile() + ": " + detail;
        }
        String message = String.valueOf(failure.getMessage());
        // The JDK's UnsatisfiedLinkError names the library twice: "<path>: <path>: <reason>".
        int colon = message.indexOf(": ");
        if (colon > 0 && message.startsWith(message.substring(0, colon + 2), colon + 2)) {
            return message.substring(colon + 2);
        }
        return message;
    }
}

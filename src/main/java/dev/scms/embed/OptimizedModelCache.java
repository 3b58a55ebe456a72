package dev.scms.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of models as ONNX Runtime saves them after graph optimization. A start that finds the
 * file for its model creates the session from it with optimization off. It so skips inflating the
 * model from the jar and optimizing its graph again, which took more than half of the model's load
 * time on a 2-core machine. A file that fails to load is deleted, and the bundled model is loaded
 * as before.
 *
 * <p>Files are saved at the extended optimization level, because ONNX Runtime marks models saved
 * at the highest level as specific to the CPU they were optimized on, and a data folder may move
 * between machines. The file name carries the model id, the CRC-32 of the bundled model and the
 * ONNX Runtime version, so a new model or runtime writes a new file and the old one is deleted.
 *
 * <p>Files are written to a temporary name and moved into place, so a killed process leaves no
 * partial file under the final name.
 *
 * <p>NOTE: only a file that ONNX Runtime rejects counts as damaged. A damaged file that still
 * loads would give wrong vectors until someone deletes it.
 */
public final class OptimizedModelCache {

    /** Creates the session options at the given optimization level; the caller closes them. */
    @FunctionalInterface
    interface OptionsFactory {
        OrtSession.SessionOptions create(OptLevel level) throws OrtException;
    }

    /** A session and the options it was created with, which must stay open as long as the session. */
    record Opened(OrtSession session, OrtSession.SessionOptions options) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(OptimizedModelCache.class);
    private static final String SUFFIX = ".onnx";

    private final Optional<Path> folder;

    private OptimizedModelCache(Optional<Path> folder) {
        this.folder = folder;
    }

    /** Returns a cache kept in {@code folder}, which is created when the first file is saved. */
    public static OptimizedModelCache in(Path folder) {
        return new OptimizedModelCache(Optional.of(folder.toAbsolutePath()));
    }

    /** Returns a cache that keeps nothing: every load reads and optimizes the bundled model. */
    public static OptimizedModelCache none() {
        return new OptimizedModelCache(Optional.empty());
    }

    /**
     * Creates a session of {@code variant}'s bundled model, from the cached file when there is a
     * valid one, else from {@code modelBytes} while saving the optimized model for the next start.
     */
    Opened open(OrtEnvironment environment, ModelVariant variant, OptionsFactory options,
            Supplier<byte[]> modelBytes) throws OrtException {
        if (folder.isEmpty()) {
            return fromBytes(environment, options.create(OptLevel.ALL_OPT), modelBytes.get());
        }
        Optional<String> name = fileName(environment, variant);
        if (name.isEmpty()) {
            // The load fails in modelBytes, with the message that names the missing jar.
            return fromBytes(environment, options.create(OptLevel.ALL_OPT), modelBytes.get());
        }
        Path file = folder.get().resolve(name.get());
        if (Files.isRegularFile(file)) {
            Optional<Opened> cached = fromFile(environment, options, file);
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        return saving(environment, variant, options, modelBytes.get(), file);
    }

    private static Optional<Opened> fromFile(OrtEnvironment environment, OptionsFactory options, Path file)
            throws OrtException {
        OrtSession.SessionOptions sessionOptions = options.create(OptLevel.NO_OPT);
        try {
            return Optional.of(new Opened(environment.createSession(file.toString(), sessionOptions),
                    sessionOptions));
        } catch (OrtException | RuntimeException e) {
            sessionOptions.close();
            LOG.warn("Optimized model {} failed to load ({}); deleting it and loading the bundled model", file,
                    e.getMessage());
            deleteQuietly(file);
            return Optional.empty();
        }
    }

    private static Opened saving(OrtEnvironment environment, ModelVariant variant, OptionsFactory options,
            byte[] bytes, Path file) throws OrtException {
        Path partial;
        try {
            Files.createDirectories(file.getParent());
            partial = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".part");
        } catch (IOException e) {
            LOG.info("Optimized model not saved to {}: {}", file.getParent(), e.toString());
            return fromBytes(environment, options.create(OptLevel.ALL_OPT), bytes);
        }
        try {
            Opened opened = fromBytes(environment, savingOptions(options, partial), bytes);
            keep(partial, file, variant);
            return opened;
        } catch (OrtException e) {
            // Writing the file may be what failed, such as on a full disk, so the load runs once more
            // without it. A model that ONNX Runtime cannot load fails here again.
            LOG.info("Saving the optimized model to {} failed ({}); loading without saving", file, e.getMessage());
            return fromBytes(environment, options.create(OptLevel.ALL_OPT), bytes);
        } finally {
            deleteQuietly(partial);
        }
    }

    private static OrtSession.SessionOptions savingOptions(OptionsFactory options, Path partial)
            throws OrtException {
        OrtSession.SessionOptions sessionOptions = options.create(OptLevel.EXTENDED_OPT);
        try {
            sessionOptions.setOptimizedModelFilePath(partial.toString());
            return sessionOptions;
        } catch (OrtException | RuntimeException e) {
            sessionOptions.close();
            throw e;
        }
    }

    private static Opened fromBytes(OrtEnvironment environment, OrtSession.SessionOptions sessionOptions,
            byte[] bytes) throws OrtException {
        try {
            return new Opened(environment.createSession(bytes, sessionOptions), sessionOptions);
        } catch (OrtException | RuntimeException e) {
            sessionOptions.close();
            throw e;
        }
    }

    /** Moves the saved model into place and deletes the files of other versions of the same model. */
    private static void keep(Path partial, Path file, ModelVariant variant) {
        try {
            if (Files.size(partial) == 0) {
                LOG.info("ONNX Runtime saved no optimized model to {}", partial);
                return;
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            // The fingerprint is hex digits, so the full model's pattern does not match the quantized model's files.
            Pattern versions = Pattern.compile(Pattern.quote(variant.modelId()) + "-[0-9a-f]+-ort.*"
                    + Pattern.quote(SUFFIX));
            try (DirectoryStream<Path> older = Files.newDirectoryStream(file.getParent(),
                    other -> versions.matcher(other.getFileName().toString()).matches())) {
                for (Path other : older) {
                    if (!other.getFileName().equals(file.getFileName())) {
                        deleteQuietly(other);
                    }
                }
            }
        } catch (IOException e) {
            LOG.info("Optimized model not saved to {}: {}", file, e.toString());
        }
    }

    /**
     * Returns the file name for {@code variant} (model id, CRC-32 of the bundled model, runtime
     * version), or empty when the model is not on the class path.
     */
    static Optional<String> fileName(OrtEnvironment environment, ModelVariant variant) {
        return fingerprint(variant).map(crc -> variant.modelId() + "-" + crc + "-ort" + environment.getVersion()
                + SUFFIX);
    }

    /**
     * Returns the CRC-32 that the jar's directory records for the bundled model, which costs no
     * read of the model, or the model's size when it is not in a jar.
     */
    private static Optional<String> fingerprint(ModelVariant variant) {
        URL resource = OptimizedModelCache.class.getClassLoader().getResource(variant.modelResource());
        if (resource == null) {
            return Optional.empty();
        }
        try {
            URLConnection connection = resource.openConnection();
            if (connection instanceof JarURLConnection jar) {
                return Optional.of(String.format("%08x", jar.getJarEntry().getCrc()));
            }
            return Optional.of(Long.toHexString(connection.getContentLengthLong()));
        } catch (IOException e) {
            throw new EmbeddingException("Failed to read the jar entry of " + variant.modelResource() + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.info("Deleting {} failed: {}", file, e.toString());
        }
    }
}

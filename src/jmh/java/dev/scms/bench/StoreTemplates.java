package dev.scms.bench;

import dev.scms.store.sqlite.SqliteMemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Filled stores kept between benchmark JVMs, so that a 100k-memory store is filled once per run
 * instead of once per benchmark (each JMH fork is a new JVM). A template lives under
 * {@code java.io.tmpdir/scms-bench-stores}, named by the memory count and a fingerprint of the
 * input data files and of the store's compiled classes, so a change to the store code or the data
 * fills a new one and deletes the old one of that count. Templates stay for later runs until
 * deleted by hand.
 */
final class StoreTemplates {

    /** Raised whenever the fill in {@link StoreFixture} changes, so that older templates no longer match. */
    private static final int FILL_VERSION = 2;

    private StoreTemplates() {
    }

    static Path root() {
        return Path.of(System.getProperty("java.io.tmpdir"), "scms-bench-stores");
    }

    /**
     * Copies the template of {@code memories} memories into {@code target}, after creating it with
     * {@code fill} (given the count and an empty folder) when it is missing.
     */
    static void copy(int memories, Path target, BiConsumer<Integer, Path> fill) {
        Path template = root().resolve(memories + "-" + Long.toHexString(fingerprint(memories)));
        try {
            if (!Files.isDirectory(template)) {
                Files.createDirectories(root());
                deleteOlder(memories);
                Path building = Files.createTempDirectory(root(), "building-");
                try {
                    fill.accept(memories, building);
                } catch (RuntimeException e) {
                    StoreFixture.deleteTree(building);
                    throw e;
                }
                // A concurrent run may have finished the same template first, and then this move fails.
                try {
                    Files.move(building, template, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    StoreFixture.deleteTree(building);
                }
            }
            for (Path file : files(template)) {
                Files.copy(file, target.resolve(file.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed to copy the store template " + template + " to " + target, e);
        }
    }

    /** Deletes the templates of this memory count whose fingerprint no longer matches. */
    private static void deleteOlder(int memories) throws IOException {
        try (Stream<Path> entries = Files.list(root())) {
            for (Path entry : entries.filter(path -> path.getFileName().toString().startsWith(memories + "-")).toList()) {
                StoreFixture.deleteTree(entry);
            }
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).toList();
        }
    }

    private static long fingerprint(int memories) {
        CRC32 crc = new CRC32();
        update(crc, FILL_VERSION + "/" + memories + "/" + StoreFixture.SEED);
        for (String name : List.of("dev-distractors.jsonl", "dev-queries.jsonl")) {
            describe(crc, JmhData.folder().resolve(name));
        }
        try (Stream<Path> classes = Files.walk(storeClasses())) {
            for (Path file : classes.filter(Files::isRegularFile).sorted().toList()) {
                describe(crc, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed to list the store classes", e);
        }
        return crc.getValue();
    }

    /**
     * Returns the folder of the store's classes, or the jar that contains them, whose size and
     * modification time then represent all of them.
     */
    private static Path storeClasses() {
        try {
            Path location = Path.of(SqliteMemoryStore.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
            Path folder = location.resolve("dev/scms/store");
            return Files.isDirectory(location) && Files.isDirectory(folder) ? folder : location;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("failed to locate the classes of " + SqliteMemoryStore.class, e);
        }
    }

    private static void describe(CRC32 crc, Path file) {
        try {
            if (Files.exists(file)) {
                update(crc, file + "/" + Files.size(file) + "/" + Files.getLastModifiedTime(file).toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read the attributes of " + file, e);
        }
    }

    private static void update(CRC32 crc, String text) {
        crc.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

package dev.scms.bench;

import dev.scms.app.NativeLibraries;
import dev.scms.config.Settings;
import dev.scms.config.SettingsLoader;
import dev.scms.core.Texts;
import dev.scms.model.Layer;
import dev.scms.model.NewMemory;
import dev.scms.store.StoredEmbedding;
import dev.scms.store.sqlite.SqliteMemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real SQLite store in a new temporary folder, filled with synthetic global L0 memories in one
 * write transaction through the {@link dev.scms.store.MemoryStore} API. Memory {@code i} belongs
 * to topic {@code i % TOPICS} of {@link SyntheticVectors}, with a memory vector of share 0.6 and
 * three or four sentence vectors, and a creation time spread over the 180 days before {@link #NOW}.
 */
final class StoreFixture implements AutoCloseable {

    /** The fixed time of the store's clock, so the temporal term is the same at every run. */
    static final Instant NOW = Instant.parse("2026-01-05T12:00:00Z");
    static final long SEED = 42;
    static final String MODEL_ID = "benchmark-vectors";

    final Path folder;
    final Settings settings;
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final SqliteMemoryStore store;

    private StoreFixture(Path folder) {
        this.folder = folder;
        this.settings = new SettingsLoader(Map.of(), Map.of("home", folder.toString()), "bench", folder).load();
        this.store = SqliteMemoryStore.open(settings.database(), clock);
    }

    /**
     * Returns a store of {@code memories} memories in a new temporary folder: a copy of the
     * template that {@link StoreTemplates} keeps for this size, filled first when there is none.
     */
    static StoreFixture populated(int memories) {
        installNatives();
        Path folder = createFolder();
        StoreTemplates.copy(memories, folder, StoreFixture::fill);
        return new StoreFixture(folder);
    }

    /** Fills a new store in {@code folder} with {@code memories} memories and closes it. */
    private static void fill(int memories, Path folder) {
        long start = System.nanoTime();
        try (StoreFixture fixture = new StoreFixture(folder)) {
            fixture.fill(JmhData.memories(memories));
        }
        System.out.printf("%nFilled a store with %d memories in %.1f s%n", memories,
                (System.nanoTime() - start) / 1e9);
    }

    /** Returns a query vector near topic 0 (share 0.8), as the stub embedder returns for every query. */
    static float[] queryVector() {
        return new SyntheticVectors(SEED, SEED + 2).near(0, 0.8);
    }

    private void fill(List<JmhData.MemoryText> texts) {
        SyntheticVectors vectors = new SyntheticVectors(SEED, SEED + 1);
        long spanSeconds = Duration.ofDays(180).toSeconds();
        store.inWriteTransaction("benchmark store fill", () -> {
            for (int i = 0; i < texts.size(); i++) {
                JmhData.MemoryText text = texts.get(i);
                int topic = i % SyntheticVectors.TOPICS;
                Instant created = NOW.minusSeconds(spanSeconds * i / texts.size());
                NewMemory memory = new NewMemory(Layer.L0, text.kind(), text.title(), text.body(), Map.of(),
                        text.domain(), Optional.empty(), List.of(), 0.5, created,
                        Texts.contentHash(text.kind().wireName(), text.body()), Optional.empty());
                store.insert(memory, Optional.of(new StoredEmbedding(MODEL_ID, vectors.near(topic, 0.6),
                        vectors.sentences(topic))));
            }
            return null;
        });
    }

    private static void installNatives() {
        NativeLibraries.Status natives = NativeLibraries.install(nativeFolder());
        natives.sqliteFailure().ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }

    /**
     * Returns the folder of the native libraries of SQLite and ONNX Runtime, shared by every
     * benchmark JVM so that each fork copies nothing once the first has.
     */
    static Path nativeFolder() {
        return Path.of(System.getProperty("java.io.tmpdir"), "scms-bench-native");
    }

    private static Path createFolder() {
        try {
            return Files.createTempDirectory("scms-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("failed to create a temporary folder for the benchmark store", e);
        }
    }

    @Override
    public void close() {
        store.close();
    }

    /** Closes the store and deletes its folder. */
    void delete() {
        close();
        deleteTree(folder);
    }

    static void deleteTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed to delete " + folder, e);
        }
    }
}

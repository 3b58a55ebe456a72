package dev.scms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.NewMemory;
import dev.scms.store.VectorCache.CachedMemory;
import dev.scms.store.sqlite.SqliteMemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The vectors a {@link VectorCache} saves beside the database: a later cache takes them from the
 * file only for memories that did not change, and ignores a damaged file. Several tests delete the
 * stored vectors behind the store's back, without raising change sequences, so that vectors in
 * the cache can only have come from the file.
 */
class SavedVectorsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String MODEL = "all-minilm-l6-v2-q";
    private static final int DIMENSION = 8;
    private static final int MEMORIES = VectorCache.MIN_UNSAVED + 6;

    @TempDir
    Path folder;

    private MemoryStore store;
    private Path saved;

    @BeforeEach
    void openStore() {
        store = SqliteMemoryStore.open(folder.resolve("scms.db"), CLOCK);
        saved = store.savedVectorsFile().orElseThrow();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void fileLiesBesideTheDatabase() {
        assertThat(saved).isEqualTo(folder.resolve("scms.db.vectors"));
    }

    @Test
    void nextCacheTakesUnchangedVectorsFromTheFile() throws Exception {
        insertMemories();
        VectorCache first = new VectorCache(store, MODEL);
        first.refresh();
        assertThat(first.save()).isTrue();
        deleteStoredVectors();

        VectorCache next = new VectorCache(store, MODEL);

        assertThat(next.refresh()).isEqualTo(MEMORIES);
        assertSameVectors(next.snapshot(), first.snapshot());
        assertThat(next.lastSeq()).isEqualTo(first.lastSeq());
    }

    @Test
    void changedMemoriesComeFromTheStore() throws Exception {
        List<Memory> memories = insertMemories();
        VectorCache first = new VectorCache(store, MODEL);
        first.refresh();
        first.save();
        Memory changed = memories.get(3);
        Memory archived = memories.get(5);
        store.putEmbedding(changed.id(), new StoredEmbedding(MODEL, unit(0), List.of(unit(1))));
        store.archive(archived.id(), "obsolete", NOW);
        Memory added = store.insert(memory("added"), Optional.of(new StoredEmbedding(MODEL, unit(2), List.of(unit(3)))));

        VectorCache next = new VectorCache(store, MODEL);
        next.refresh();

        assertThat(next.snapshot()).extracting(cached -> cached.memory().id())
                .doesNotContain(archived.id()).contains(changed.id(), added.id()).hasSize(MEMORIES);
        CachedMemory fresh = cached(next, changed.id());
        assertThat(fresh.vector()).hasValueSatisfying(vector -> assertThat(vector).containsExactly(unit(0)));
        assertThat(fresh.sentences().get(0)[1]).isCloseTo(1f, offset(0.01f));
        assertThat(cached(next, added.id()).memory().changeSeq()).isEqualTo(next.lastSeq());
        assertThat(cached(next, memories.get(0).id()).sentences().get(0))
                .containsExactly(cached(first, memories.get(0).id()).sentences().get(0));
    }

    @Test
    void damagedFileIsIgnored() throws Exception {
        insertMemories();
        VectorCache first = new VectorCache(store, MODEL);
        first.refresh();
        first.save();
        byte[] bytes = Files.readAllBytes(saved);
        deleteStoredVectors();
        List<byte[]> damaged = List.of(flipped(bytes, bytes.length / 2), Arrays.copyOf(bytes, bytes.length - 9),
                Arrays.copyOf(bytes, bytes.length + 4), new byte[0], flipped(bytes, 0));

        for (byte[] content : damaged) {
            Files.write(saved, content);
            VectorCache next = new VectorCache(store, MODEL);

            assertThat(next.refresh()).isEqualTo(MEMORIES);
            assertThat(next.snapshot()).allSatisfy(cached -> {
                assertThat(cached.vector()).isEmpty();
                assertThat(cached.sentences().isEmpty()).isTrue();
            });
        }
    }

    @Test
    void fileOfAnotherModelIsIgnored() throws Exception {
        insertMemories();
        VectorCache first = new VectorCache(store, MODEL);
        first.refresh();
        first.save();
        deleteStoredVectors();

        VectorCache other = new VectorCache(store, "another-model");
        other.refresh();

        assertThat(other.snapshot()).allSatisfy(cached -> assertThat(cached.vector()).isEmpty());
    }

    @Test
    void entryMatchesIdSequenceTitleAndBody() throws Exception {
        Memory memory = insertMemories().get(0);
        VectorCache cache = new VectorCache(store, MODEL);
        cache.refresh();
        SavedVectors.write(saved, MODEL, cache.snapshot());
        SavedVectors read = SavedVectors.read(saved, MODEL).orElseThrow();

        assertThat(read.size()).isEqualTo(MEMORIES);
        assertThat(read.find(memory)).isPresent();
        assertThat(read.find(withTitle(memory, memory.title() + "!", memory.changeSeq()))).isEmpty();
        assertThat(read.find(withTitle(memory, memory.title(), memory.changeSeq() + 1000))).isEmpty();
        assertThat(read.find(new Memory(memory.id(), memory.layer(), memory.kind(), memory.title(), memory.body() + ".",
                memory.details(), memory.domain(), memory.project(), memory.tags(), memory.importance(),
                memory.status(), memory.createdAt(), memory.updatedAt(), memory.lastUsedAt(),
                memory.helpfulCount(), memory.unhelpfulCount(), memory.retrievalCount(), memory.occurrences(),
                memory.contentHash(), memory.changeSeq(), memory.externalId()))).isEmpty();
    }

    @Test
    void saveSkipsFewUnsavedVectors() throws Exception {
        insertMemories();
        VectorCache first = new VectorCache(store, MODEL);
        first.refresh();
        assertThat(first.save()).isTrue();
        assertThat(first.save()).isFalse();

        VectorCache next = new VectorCache(store, MODEL);
        next.refresh();
        Files.delete(saved);

        assertThat(next.save()).isFalse();
        assertThat(saved).doesNotExist();
    }

    @Test
    void saveLeavesNoTemporaryFile() throws Exception {
        insertMemories();
        VectorCache cache = new VectorCache(store, MODEL);
        cache.refresh();
        cache.save();

        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void saveDeletesStaleTemporaryFiles() throws Exception {
        insertMemories();
        Path killed = folder.resolve(saved.getFileName() + ".123.tmp");
        Path writing = folder.resolve(saved.getFileName() + ".456.tmp");
        Files.write(killed, new byte[] {1});
        Files.write(writing, new byte[] {2});
        Files.setLastModifiedTime(killed,
                FileTime.from(Instant.now().minus(SavedVectors.STALE_TEMP).minus(Duration.ofMinutes(1))));
        VectorCache cache = new VectorCache(store, MODEL);
        cache.refresh();

        assertThat(cache.save()).isTrue();

        assertThat(killed).doesNotExist();
        assertThat(writing).exists();
    }

    @Test
    void damagedFileAndFailedSaveWarn() throws Exception {
        insertMemories();
        VectorCache first = new VectorCache(store, MODEL);
        first.refresh();
        first.save();
        byte[] bytes = Files.readAllBytes(saved);
        Files.write(saved, Arrays.copyOf(bytes, bytes.length / 2));
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger savedLogger = (Logger) LoggerFactory.getLogger(SavedVectors.class);
        Logger cacheLogger = (Logger) LoggerFactory.getLogger(VectorCache.class);
        savedLogger.addAppender(logged);
        cacheLogger.addAppender(logged);
        try {
            VectorCache next = new VectorCache(store, MODEL);
            next.refresh();
            Files.delete(saved);
            Files.createDirectories(saved.resolve("occupied"));

            assertThat(next.save()).isFalse();
        } finally {
            savedLogger.detachAppender(logged);
            cacheLogger.detachAppender(logged);
        }

        assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(message -> assertThat(message).startsWith("Ignoring the saved vectors in " + saved))
                .anySatisfy(message -> assertThat(message).startsWith("Could not save the vectors to " + saved));
    }

    private List<Memory> insertMemories() {
        SplittableRandom random = new SplittableRandom(7);
        List<Memory> memories = new ArrayList<>();
        for (int i = 0; i < MEMORIES; i++) {
            List<float[]> sentences = new ArrayList<>();
            for (int s = 0; s < 1 + i % 3; s++) {
                sentences.add(randomVector(random));
            }
            StoredEmbedding embedding = i % 10 == 9 ? new StoredEmbedding(MODEL, randomVector(random))
                    : new StoredEmbedding(MODEL, randomVector(random), sentences);
            memories.add(store.insert(memory("memory " + i), Optional.of(embedding)));
        }
        return memories;
    }

    private void deleteStoredVectors() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("scms.db"));
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM embeddings");
        }
    }

    private static void assertSameVectors(List<CachedMemory> actual, List<CachedMemory> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            CachedMemory a = actual.get(i);
            CachedMemory e = expected.get(i);
            assertThat(a.memory()).isEqualTo(e.memory());
            assertThat(a.vector().isPresent()).isEqualTo(e.vector().isPresent());
            a.vector().ifPresent(vector -> assertThat(vector).containsExactly(e.vector().get()));
            assertThat(a.sentences().size()).isEqualTo(e.sentences().size());
            for (int s = 0; s < e.sentences().size(); s++) {
                assertThat(a.sentences().get(s)).containsExactly(e.sentences().get(s));
            }
        }
    }

    private static CachedMemory cached(VectorCache cache, long id) {
        return cache.snapshot().stream().filter(cached -> cached.memory().id() == id).findFirst().orElseThrow();
    }

    private static Memory withTitle(Memory memory, String title, long changeSeq) {
        return new Memory(memory.id(), memory.layer(), memory.kind(), title, memory.body(), memory.details(),
                memory.domain(), memory.project(), memory.tags(), memory.importance(), memory.status(),
                memory.createdAt(), memory.updatedAt(), memory.lastUsedAt(), memory.helpfulCount(),
                memory.unhelpfulCount(), memory.retrievalCount(), memory.occurrences(), memory.contentHash(),
                changeSeq, memory.externalId());
    }

    private static byte[] flipped(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x10;
        return copy;
    }

    private static float[] unit(int axis) {
        float[] vector = new float[DIMENSION];
        vector[axis] = 1f;
        return vector;
    }

    private static float[] randomVector(SplittableRandom random) {
        float[] vector = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] = (float) random.nextDouble(-1, 1);
        }
        return vector;
    }

    private static NewMemory memory(String title) {
        return new NewMemory(Layer.L0, Kind.PATTERN, title, "Body of " + title, Map.of(), "", Optional.empty(),
                List.of(), 0.5, NOW, "hash:" + title, Optional.empty());
    }
}

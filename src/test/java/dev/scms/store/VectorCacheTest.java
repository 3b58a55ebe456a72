package dev.scms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.NewMemory;
import dev.scms.model.Outcome;
import dev.scms.model.Use;
import dev.scms.store.VectorCache.CachedMemory;
import dev.scms.store.sqlite.SqliteMemoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorCacheTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String MODEL = "all-minilm-l6-v2-q";

    @TempDir
    Path folder;

    private MemoryStore store;
    private VectorCache cache;

    @BeforeEach
    void openStore() {
        store = SqliteMemoryStore.open(folder.resolve("scms.db"), CLOCK);
        cache = new VectorCache(store, MODEL);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void emptyCacheHasNothing() {
        assertThat(cache.refresh()).isZero();
        assertThat(cache.size()).isZero();
        assertThat(cache.lastSeq()).isZero();
        assertThat(cache.snapshot()).isEmpty();
    }

    @Test
    void refreshLoadsActiveMemoriesWithUnitVectors() {
        Memory memory = store.insert(pattern("a"), Optional.of(new StoredEmbedding(MODEL, new float[] {3, 4})));

        cache.refresh();

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.lastSeq()).isEqualTo(memory.changeSeq());
        CachedMemory cached = cache.snapshot().get(0);
        assertThat(cached.memory().id()).isEqualTo(memory.id());
        assertThat(cached.vector()).hasValueSatisfying(vector -> assertThat(vector).containsExactly(0.6f, 0.8f));
    }

    @Test
    void memoryWithoutVectorIsCachedWithEmptyVector() {
        store.insert(pattern("a"), Optional.empty());
        store.insert(pattern("b"), Optional.of(new StoredEmbedding("another-model", new float[] {1, 0})));

        cache.refresh();

        assertThat(cache.snapshot()).hasSize(2).allSatisfy(cached -> assertThat(cached.vector()).isEmpty());
    }

    @Test
    void refreshIsIncremental() {
        store.insert(pattern("a"), Optional.empty());
        assertThat(cache.refresh()).isEqualTo(1);

        Memory second = store.insert(pattern("b"), Optional.empty());

        assertThat(cache.refresh()).isEqualTo(1);
        assertThat(cache.refresh()).isZero();
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.lastSeq()).isEqualTo(second.changeSeq());
    }

    @Test
    void refreshReplacesChangedMemory() {
        Memory memory = store.insert(pattern("a"), Optional.empty());
        cache.refresh();

        store.recordUse(new Use(memory.id(), "ann", Optional.empty(), "", Outcome.HELPFUL, NOW, Optional.empty(), ""));
        store.putEmbedding(memory.id(), new StoredEmbedding(MODEL, new float[] {0, 2}));
        cache.refresh();

        CachedMemory cached = cache.snapshot().get(0);
        assertThat(cached.memory().helpfulCount()).isEqualTo(1);
        assertThat(cached.vector()).hasValueSatisfying(vector -> assertThat(vector).containsExactly(0f, 1f));
    }

    @Test
    void archiveRemovesAndRestoreAddsBack() {
        Memory active = store.insert(pattern("active"), Optional.empty());
        Memory archived = store.insert(pattern("archived"), Optional.empty());
        cache.refresh();

        store.archive(archived.id(), "obsolete", NOW);
        cache.refresh();

        assertThat(cache.snapshot()).extracting(cached -> cached.memory().id()).containsExactly(active.id());

        store.restore(archived.id(), NOW);
        cache.refresh();

        assertThat(cache.snapshot()).extracting(cached -> cached.memory().id()).containsExactly(active.id(), archived.id());
    }

    @Test
    void insertOfAnotherStoreBecomesVisibleAfterRefresh() {
        cache.refresh();
        Memory memory;
        try (MemoryStore other = SqliteMemoryStore.open(folder.resolve("scms.db"), CLOCK)) {
            memory = other.insert(pattern("from elsewhere"), Optional.empty());
        }

        assertThat(cache.size()).isZero();

        cache.refresh();

        assertThat(cache.snapshot()).extracting(cached -> cached.memory().id()).containsExactly(memory.id());
    }

    @Test
    void snapshotIsImmutableAndStable() {
        store.insert(pattern("a"), Optional.empty());
        cache.refresh();
        List<CachedMemory> before = cache.snapshot();

        store.insert(pattern("b"), Optional.empty());
        cache.refresh();

        assertThat(before).hasSize(1);
        assertThatThrownBy(() -> before.add(before.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void zeroVectorIsTreatedAsMissing() {
        assertThat(VectorCache.unitLength(new float[] {0, 0})).isEmpty();
    }

    private static NewMemory pattern(String title) {
        return new NewMemory(Layer.L0, Kind.PATTERN, title, "Body of " + title, Map.of(), "", Optional.empty(),
                List.of(), 0.5, NOW, "hash:" + title, Optional.empty());
    }
}

package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.config.Settings;
import dev.scms.config.SettingsLoader;
import dev.scms.model.Kind;
import dev.scms.promotion.StaticPolicy;
import dev.scms.store.VectorCache;
import dev.scms.store.VectorCache.CachedMemory;
import dev.scms.store.sqlite.SqliteMemoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stores on one SQLite file, as two server processes whose {@code model} settings differ,
 * such as the quantized and the full MiniLM: the same dimension, but vectors that must not be
 * compared. The models here differ in dimension too, so a mixed vector would show in its length.
 */
class TwoModelsTest {

    private static final String MODEL_A = "model-a";
    private static final String MODEL_B = "model-b";

    @TempDir
    Path temp;

    @Test
    void scansUseOnlyRunningModelVectors() {
        writeWithoutModel(3);
        Settings settings = new SettingsLoader(Map.of(), Map.of("home", temp.toString()), "tester", temp).load();
        try (SqliteMemoryStore storeA = SqliteMemoryStore.open(settings.database(), Clock.systemUTC());
                SqliteMemoryStore storeB = SqliteMemoryStore.open(settings.database(), Clock.systemUTC())) {
            BagOfWordsEmbedder modelA = new BagOfWordsEmbedder(64, MODEL_A);
            BagOfWordsEmbedder modelB = new BagOfWordsEmbedder(128, MODEL_B);
            VectorCache cacheA = new VectorCache(storeA, MODEL_A);
            VectorCache cacheB = new VectorCache(storeB, MODEL_B);
            MemoryWriter writerA = new MemoryWriter(storeA, cacheA, EmbeddingSource.ready(modelA), settings);
            MemoryWriter writerB = new MemoryWriter(storeB, cacheB, EmbeddingSource.ready(modelB), settings);

            assertThat(writerA.backfill(modelA)).isEqualTo(3);
            cacheA.refresh();
            cacheB.refresh();
            assertThat(cacheA.snapshot()).hasSize(3).allSatisfy(cached -> assertVectorLength(cached, 64));
            assertThat(cacheB.snapshot()).as("memories with only model-a vectors, seen by model-b").hasSize(3)
                    .allSatisfy(cached -> assertThat(cached.vector()).isEmpty())
                    .allSatisfy(cached -> assertThat(cached.sentences().isEmpty()).isTrue());

            assertThat(writerB.backfill(modelB)).as("model-b embeds the memories again").isEqualTo(3);
            cacheA.refresh();
            cacheB.refresh();
            assertThat(cacheB.snapshot()).hasSize(3).allSatisfy(cached -> assertVectorLength(cached, 128));
            // One vector is stored per memory, so model-b's vectors replaced model-a's.
            assertThat(cacheA.snapshot()).hasSize(3).allSatisfy(cached -> assertThat(cached.vector()).isEmpty());
            assertThat(storeA.idsWithoutEmbedding(MODEL_A, 10)).hasSize(3);
        }
    }

    private static void assertVectorLength(CachedMemory cached, int dimension) {
        assertThat(cached.vector()).hasValueSatisfying(vector -> assertThat(vector).hasSize(dimension));
        assertThat(cached.sentences().size()).isPositive();
        assertThat(cached.sentences().dimension()).isEqualTo(dimension);
    }

    private void writeWithoutModel(int count) {
        ScmsHarness loading = ScmsHarness.lexicalOnly(temp, StaticPolicy.defaults());
        for (int i = 0; i < count; i++) {
            loading.remember("Lesson number " + i + ". It has a second sentence.", Kind.PATTERN, Optional.empty());
        }
        loading.close();
    }
}

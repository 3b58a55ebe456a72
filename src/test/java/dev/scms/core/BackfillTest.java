package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.config.Settings;
import dev.scms.config.SettingsLoader;
import dev.scms.model.Kind;
import dev.scms.promotion.StaticPolicy;
import dev.scms.store.VectorCache;
import dev.scms.store.sqlite.SqliteMemoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackfillTest {

    private static final String MODEL = "bag-of-words-test";

    @TempDir
    Path temp;

    @Test
    void budgetedBackfillLeavesTheRestForLater() {
        writeWithoutModel(3);
        Settings settings = new SettingsLoader(Map.of(), Map.of("home", temp.toString()), "tester", temp).load();
        try (SqliteMemoryStore store = SqliteMemoryStore.open(settings.database(), Clock.systemUTC())) {
            BagOfWordsEmbedder model = new BagOfWordsEmbedder();
            MemoryWriter writer = new MemoryWriter(store, new VectorCache(store, MODEL), EmbeddingSource.ready(model),
                    settings);

            int inBudget = writer.backfillFor(model, Duration.ZERO);
            int rest = writer.backfill(model);

            assertThat(inBudget).isZero();
            assertThat(rest).isEqualTo(3);
            assertThat(store.idsWithoutEmbedding(MODEL, 10)).isEmpty();
            assertThat(writer.backfill(model)).isZero();
        }
    }

    private void writeWithoutModel(int count) {
        ScmsHarness loading = ScmsHarness.lexicalOnly(temp, StaticPolicy.defaults());
        for (int i = 0; i < count; i++) {
            loading.remember("Lesson number " + i + ". It has a second sentence.", Kind.PATTERN, Optional.empty());
        }
        loading.close();
    }
}

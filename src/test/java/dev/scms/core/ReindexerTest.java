package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.model.Kind;
import dev.scms.promotion.StaticPolicy;
import dev.scms.store.ChangedMemory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReindexerTest {

    private static final String OLD_MODEL = "bag-of-words-test";
    private static final String NEW_MODEL = "bag-of-words-new";

    @TempDir
    Path temp;

    private ScmsHarness storeWith(int count) {
        ScmsHarness harness = ScmsHarness.open(temp, StaticPolicy.defaults(), Map.of());
        for (int i = 0; i < count; i++) {
            harness.remember("Lesson number " + i + ". It has a second sentence.", Kind.PATTERN, Optional.empty());
        }
        return harness;
    }

    private static long withVectorOf(ScmsHarness harness, String modelId) {
        return harness.store.changesSince(0, modelId).stream().map(ChangedMemory::vector)
                .filter(Optional::isPresent).count();
    }

    @Test
    void reindexEmbedsEveryMemoryWithNewModel() {
        try (ScmsHarness harness = storeWith(40)) {
            long archived = harness.store.list(dev.scms.store.MemoryFilter.active(1)).get(0).id();
            harness.scms.forgetter().forget(archived, "test");
            List<Integer> progress = new ArrayList<>();

            int embedded = new Reindexer(harness.store).reindex(new BagOfWordsEmbedder(64, NEW_MODEL), progress::add);

            assertThat(embedded).isEqualTo(40);
            assertThat(progress).containsExactly(32, 40);
            assertThat(withVectorOf(harness, NEW_MODEL)).isEqualTo(40);
            assertThat(harness.store.idsWithoutEmbedding(NEW_MODEL, 100)).isEmpty();
        }
    }

    @Test
    void interruptedReindexKeepsOldVectors() {
        try (ScmsHarness harness = storeWith(40)) {
            Reindexer reindexer = new Reindexer(harness.store);

            assertThatThrownBy(() -> reindexer.reindex(new BagOfWordsEmbedder(64, NEW_MODEL), done -> {
                throw new IllegalStateException("interrupted after " + done);
            })).hasMessage("interrupted after 32");

            assertThat(withVectorOf(harness, NEW_MODEL)).isEqualTo(32);
            assertThat(withVectorOf(harness, OLD_MODEL)).isEqualTo(8);
            assertThat(harness.store.idsWithoutEmbedding(NEW_MODEL, 100)).hasSize(8);
        }
    }

    @Test
    void twoThreadsGiveOneThreadVectors() {
        try (ScmsHarness harness = storeWith(40)) {
            BagOfWordsEmbedder model = new BagOfWordsEmbedder(64, NEW_MODEL);

            int embedded = new Reindexer(harness.store, 2).reindex(model, done -> { });

            assertThat(embedded).isEqualTo(40);
            for (ChangedMemory change : harness.store.changesSince(0, NEW_MODEL)) {
                MemoryWriter.TitledText text = new MemoryWriter.TitledText(change.memory().title(),
                        change.memory().body());
                var expected = MemoryWriter.embedAll(new BagOfWordsEmbedder(64, NEW_MODEL), List.of(text)).get(0);
                assertThat(change.vector()).get().satisfies(vector -> assertThat(vector)
                        .containsExactly(expected.vector()));
                assertThat(change.sentences()).hasSameSizeAs(expected.sentences());
                for (int i = 0; i < expected.sentences().size(); i++) {
                    assertThat(change.sentences().get(i)).containsExactly(expected.sentences().get(i));
                }
            }
        }
    }

    @Test
    void totalCountsArchivedMemories() {
        try (ScmsHarness harness = storeWith(3)) {
            long first = harness.store.list(dev.scms.store.MemoryFilter.active(1)).get(0).id();
            harness.scms.forgetter().forget(first, "test");

            assertThat(new Reindexer(harness.store).total()).isEqualTo(3);
        }
    }
}

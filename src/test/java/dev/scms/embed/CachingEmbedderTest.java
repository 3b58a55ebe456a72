package dev.scms.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CachingEmbedderTest {

    private final FakeEmbedder fake = new FakeEmbedder();

    @Test
    void hitReturnsSameVectorWithoutModel() {
        CachingEmbedder cache = CachingEmbedder.wrap(fake, 4);

        float[] first = cache.embed("database is locked");
        float[] second = cache.embed("database is locked");

        assertThat(second).containsExactly(first);
        assertThat(fake.embedCalls).hasValue(1);
    }

    @Test
    void hitReturnsCopyCallerCannotCorrupt() {
        CachingEmbedder cache = CachingEmbedder.wrap(fake, 4);
        float[] expected = fake.embed("query");

        cache.embed("query")[0] = -1f;
        cache.embed("query")[1] = -1f;

        assertThat(cache.embed("query")).containsExactly(expected);
    }

    @Test
    void evictsLeastRecentlyUsed() {
        CachingEmbedder cache = CachingEmbedder.wrap(fake, 2);
        cache.embed("a");
        cache.embed("b");
        cache.embed("a");

        cache.embed("c");
        int callsBefore = fake.embedCalls.get();
        cache.embed("a");
        cache.embed("c");

        assertThat(fake.embedCalls.get()).as("a and c stay cached").isEqualTo(callsBefore);
        cache.embed("b");
        assertThat(fake.embedCalls.get()).as("b was evicted").isEqualTo(callsBefore + 1);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void longTextIsNotCached() {
        CachingEmbedder cache = CachingEmbedder.wrap(fake, 4);
        String longText = "x".repeat(CachingEmbedder.MAX_CACHED_TEXT_LENGTH + 1);

        cache.embed(longText);
        cache.embed(longText);

        assertThat(fake.embedCalls).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void embedAllBypassesCache() {
        CachingEmbedder cache = CachingEmbedder.wrap(fake, 4);

        List<float[]> vectors = cache.embedAll(List.of("a", "b"));

        assertThat(vectors).hasSize(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void delegatesMetadataAndClose() {
        CachingEmbedder cache = CachingEmbedder.wrap(fake);
        cache.embed("a");

        cache.close();

        assertThat(cache.modelId()).isEqualTo("fake-model");
        assertThat(cache.dimension()).isEqualTo(3);
        assertThat(cache.size()).isZero();
        assertThat(fake.closed).isTrue();
    }

    @Test
    void rejectsCapacityBelowOne() {
        assertThatThrownBy(() -> CachingEmbedder.wrap(fake, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
    }
}

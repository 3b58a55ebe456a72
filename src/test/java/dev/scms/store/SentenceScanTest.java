package dev.scms.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.Status;
import dev.scms.store.VectorCache.CachedMemory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SentenceScanTest {

    private static final int DIMENSION = 8;
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void packedMemoriesScanAsTheirObjects() {
        Random random = new Random(11);
        List<CachedMemory> memories = packed(List.of(withSentences(1, 3, random), withSentences(2, 1, random),
                withSentences(3, 4, random)));
        float[] query = unit(random);

        SentenceScan scan = SentenceScan.of(memories);

        assertThat(scan.size()).isEqualTo(3);
        for (int i = 0; i < memories.size(); i++) {
            assertThat(scan.id(i)).isEqualTo(memories.get(i).memory().id());
            assertThat(scan.scanned(i, query)).isTrue();
            assertThat(scan.bestDot(i, query)).isEqualTo(memories.get(i).sentences().bestDot(query));
        }
    }

    @Test
    void memoriesWithoutPackedSentencesLeftToCaller() {
        Random random = new Random(12);
        List<CachedMemory> first = packed(List.of(withSentences(1, 2, random)));
        CachedMemory otherArray = packed(List.of(withSentences(2, 2, random))).get(0);
        CachedMemory vectorOnly = new CachedMemory(memory(3), Optional.of(unit(random)));
        CachedMemory noVector = new CachedMemory(memory(4), Optional.empty(), List.of(unit(random)));
        List<CachedMemory> memories = List.of(first.get(0), otherArray, vectorOnly, noVector);
        float[] query = unit(random);

        SentenceScan scan = SentenceScan.of(memories);

        assertThat(scan.scanned(0, query)).isTrue();
        assertThat(scan.scanned(1, query)).isFalse();
        assertThat(scan.scanned(2, query)).isFalse();
        assertThat(scan.scanned(3, query)).isFalse();
        assertThat(scan.id(3)).isEqualTo(4);
    }

    @Test
    void queryOfOtherDimensionNotScanned() {
        Random random = new Random(13);
        SentenceScan scan = SentenceScan.of(packed(List.of(withSentences(1, 2, random))));

        assertThat(scan.scanned(0, new float[DIMENSION + 1])).isFalse();
    }

    @Test
    void bestDotsOfLargeScopeEqualBestDot() {
        Random random = new Random(14);
        List<CachedMemory> memories = new ArrayList<>();
        for (long id = 1; id <= SentenceScan.PARALLEL_MIN + 3_000; id++) {
            memories.add(id % 50 == 0 ? new CachedMemory(memory(id), Optional.of(unit(random)))
                    : withSentences(id, 1 + random.nextInt(3), random));
        }
        SentenceScan scan = SentenceScan.of(packed(memories));
        float[] query = unit(random);

        double[] best = scan.bestDots(query);

        assertThat(best).hasSize(memories.size());
        for (int i = 0; i < best.length; i++) {
            double expected = scan.scanned(i, query) ? scan.bestDot(i, query) : 0.0;
            assertThat(best[i]).as("position %d", i).isEqualTo(expected);
        }
        assertThat(scan.scanned(49, query)).isFalse();
    }

    @Test
    void bestDotsOfOtherDimensionAllZero() {
        Random random = new Random(15);
        SentenceScan scan = SentenceScan.of(packed(List.of(withSentences(1, 2, random), withSentences(2, 1, random))));

        assertThat(scan.bestDots(new float[DIMENSION + 1])).containsExactly(0.0, 0.0);
    }

    @Test
    void emptyScopeHasNoMemories() {
        assertThat(SentenceScan.of(List.of()).size()).isZero();
    }

    private static List<CachedMemory> packed(List<CachedMemory> memories) {
        List<SentenceVectors> sets = SentenceVectors.pack(memories.stream().map(CachedMemory::sentences).toList());
        List<CachedMemory> packed = new ArrayList<>();
        for (int i = 0; i < memories.size(); i++) {
            packed.add(new CachedMemory(memories.get(i).memory(), memories.get(i).vector(), sets.get(i)));
        }
        return packed;
    }

    private static CachedMemory withSentences(long id, int sentences, Random random) {
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            vectors.add(unit(random));
        }
        return new CachedMemory(memory(id), Optional.of(unit(random)), vectors);
    }

    private static Memory memory(long id) {
        return new Memory(id, Layer.L0, Kind.PATTERN, "title " + id, "body " + id, Map.of(), "", Optional.empty(),
                List.of(), 0.5, Status.ACTIVE, NOW, NOW, Optional.empty(), 0, 0, 0, 1, "hash" + id, id,
                Optional.empty());
    }

    private static float[] unit(Random random) {
        float[] vector = new float[DIMENSION];
        double squares = 0;
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] = (float) random.nextGaussian();
            squares += vector[i] * vector[i];
        }
        float norm = (float) Math.sqrt(squares);
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] /= norm;
        }
        return vector;
    }
}

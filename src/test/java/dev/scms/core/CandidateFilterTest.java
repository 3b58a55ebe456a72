package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.Status;
import dev.scms.router.Candidate;
import dev.scms.router.Router;
import dev.scms.router.RouterSettings;
import dev.scms.router.Scored;
import dev.scms.router.Weights;
import dev.scms.store.SentenceVectors;
import dev.scms.store.VectorCache.CachedMemory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CandidateFilterTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final int DIMENSION = 16;

    /** The filter may leave memories out, but the ranking after the cosine floor must not change. */
    @ParameterizedTest(name = "w_lex {0}, min_relevance {1}, min_cosine {2}, model {3}")
    @CsvSource({
        "0.2, 0.3, 0.35, true",
        "0.2, 0.3, 0.0, true",
        "0.2, 0.0, 0.35, true",
        "0.2, 0.0, 0.0, true",
        "0.0, 0.5, 0.2, true",
        "1.0, 0.3, 0.35, true",
        "1.0, 0.0, 0.35, true",
        "1.0, 0.3, 0.35, false",
        "1.0, 0.0, 0.0, false"})
    void filterRanksAsFullScoring(double lexicalWeight, double minRelevance, double minCosine, boolean model) {
        Random random = new Random(3);
        RouterSettings settings = new RouterSettings(new Weights(0.6, 0.2, 0.2), lexicalWeight, 30, minRelevance, 0.1);
        Router router = new Router(settings);
        for (int round = 0; round < 50; round++) {
            List<CachedMemory> scope = new ArrayList<>();
            Map<Long, Double> bm25 = new HashMap<>();
            for (long id = 1; id <= 300; id++) {
                scope.add(cached(id, random));
                if (random.nextInt(10) == 0) {
                    bm25.put(id, random.nextDouble() * 12);
                }
            }
            if (round % 2 == 1) {
                scope = packed(scope);
            }
            Optional<float[]> query = model ? Optional.of(unit(random)) : Optional.empty();
            List<Candidate> everyMemory = new ArrayList<>();
            for (CachedMemory cached : scope) {
                double cosine = query.map(vector -> CandidateFilter.cosine(vector, cached)).orElse(0.0);
                everyMemory.add(new Candidate(cached.memory().id(), cosine, bm25.getOrDefault(cached.memory().id(), 0.0),
                        cached.memory().lastTouched(), cached.memory().helpfulCount(), cached.memory().importance()));
            }
            CandidateFilter.Candidates selected = CandidateFilter.of(settings, minCosine).select(scope, query, bm25);
            List<Candidate> filtered = selected.list();

            assertThat(filtered.size()).isLessThanOrEqualTo(everyMemory.size());
            assertThat(floor(router.rank(filtered, NOW, 9), scope, minCosine, model))
                    .isEqualTo(floor(router.rank(everyMemory, NOW, 9), scope, minCosine, model));
            assertThat(selected.memories().keySet()).containsExactlyInAnyOrderElementsOf(
                    filtered.stream().map(Candidate::id).toList());
            selected.memories().forEach((id, cached) -> assertThat(cached.memory().id()).isEqualTo(id));
        }
    }

    @Test
    void candidatesKeepScopeOrderAndObjectCosines() {
        Random random = new Random(5);
        List<CachedMemory> firstHalf = new ArrayList<>();
        List<CachedMemory> secondHalf = new ArrayList<>();
        for (long id = 1; id <= 200; id++) {
            (id <= 100 ? firstHalf : secondHalf).add(cached(id, random));
        }
        // Two packed arrays: the layout scans the first, and the filter reads the objects of the second.
        List<CachedMemory> scope = new ArrayList<>(packed(firstHalf));
        scope.addAll(packed(secondHalf));
        float[] query = unit(random);
        RouterSettings settings = new RouterSettings(new Weights(0.6, 0.2, 0.2), 0.2, 30, 0.0, 0.1);

        List<Candidate> candidates = CandidateFilter.of(settings, 0.35).select(scope, Optional.of(query), Map.of(7L, 3.0))
                .list();

        List<Long> scopeOrder = scope.stream().map(cached -> cached.memory().id())
                .filter(id -> candidates.stream().anyMatch(candidate -> candidate.id() == id)).toList();
        assertThat(candidates.stream().map(Candidate::id).toList()).isEqualTo(scopeOrder);
        assertThat(candidates).anyMatch(candidate -> candidate.id() == 7L);
        assertThat(candidates).anyMatch(candidate -> candidate.id() > 100);
        for (Candidate candidate : candidates) {
            CachedMemory cached = scope.get((int) candidate.id() - 1);
            assertThat(candidate.cosine()).isEqualTo(CandidateFilter.cosine(query, cached));
        }
    }

    /** Returns the memories with their sentence vectors in one shared array, as the vector cache keeps them. */
    private static List<CachedMemory> packed(List<CachedMemory> scope) {
        List<SentenceVectors> sets = SentenceVectors.pack(scope.stream().map(CachedMemory::sentences).toList());
        List<CachedMemory> packed = new ArrayList<>();
        for (int i = 0; i < scope.size(); i++) {
            packed.add(new CachedMemory(scope.get(i).memory(), scope.get(i).vector(), sets.get(i)));
        }
        return packed;
    }

    /** Applies the retriever's floor: memories with a vector need {@code min_cosine} while the model is ready. */
    private static List<Scored> floor(List<Scored> ranked, List<CachedMemory> scope, double minCosine, boolean model) {
        if (!model) {
            return ranked;
        }
        Map<Long, CachedMemory> byId = new HashMap<>();
        scope.forEach(cached -> byId.put(cached.memory().id(), cached));
        return ranked.stream().filter(scored -> scored.breakdown().cos() >= minCosine
                || byId.get(scored.id()).vector().isEmpty()).toList();
    }

    private static CachedMemory cached(long id, Random random) {
        Instant touched = NOW.minusSeconds(random.nextInt(86_400 * 60));
        Memory memory = new Memory(id, Layer.L0, Kind.PATTERN, "title " + id, "body " + id, Map.of(), "", Optional.empty(),
                List.of(), random.nextDouble(), Status.ACTIVE, touched, touched, Optional.empty(), random.nextInt(9), 0, 0, 1,
                "hash" + id, id, Optional.empty());
        if (random.nextInt(20) == 0) {
            return new CachedMemory(memory, Optional.empty());
        }
        float[] vector = unit(random);
        if (random.nextInt(10) == 0) {
            return new CachedMemory(memory, Optional.of(vector));
        }
        List<float[]> sentences = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            sentences.add(unit(random));
        }
        return new CachedMemory(memory, Optional.of(vector), sentences);
    }

    /** Returns a unit vector leaning towards the first axis, so that cosines spread over [-0.2, 1]. */
    private static float[] unit(Random random) {
        float[] vector = new float[DIMENSION];
        double squares = 0;
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] = (float) (random.nextGaussian() * 0.4 + (i == 0 ? 1.0 : 0.0));
            squares += vector[i] * vector[i];
        }
        float norm = (float) Math.sqrt(squares);
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] /= norm;
        }
        return vector;
    }
}

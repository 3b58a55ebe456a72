package dev.scms.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Router#top} against a brute-force oracle: score every candidate, sort all of them, cut at k. */
class RouterTopTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @ParameterizedTest(name = "tie share {0}")
    @ValueSource(doubles = {0.0, 0.5, 0.9, 1.0})
    void topEqualsSortedPrefixForManySeeds(double tieShare) {
        for (long seed = 1; seed <= 150; seed++) {
            Random random = new Random(seed);
            Router router = new Router(new RouterSettings(Weights.FULL, random.nextDouble() * 0.5, 14,
                    random.nextDouble() * 0.3, random.nextBoolean() ? 0.0 : 0.2));
            List<Candidate> candidates = candidates(random, tieShare);
            int maxHelpfulUses = candidates.stream().mapToInt(Candidate::helpfulUses).max().orElse(0);
            int k = 1 + random.nextInt(candidates.size() + 3);

            List<Scored> oracle = sortedPrefix(router, candidates, maxHelpfulUses, k);
            List<Scored> top = router.top(candidates, NOW, maxHelpfulUses, k);

            assertThat(top).as("seed %d, %d candidates, k %d", seed, candidates.size(), k).isEqualTo(oracle);
        }
    }

    private static List<Scored> sortedPrefix(Router router, List<Candidate> candidates, int maxHelpfulUses, int k) {
        double maxBm25 = candidates.stream().mapToDouble(Candidate::bm25).max().orElse(0.0);
        List<Scored> all = new ArrayList<>();
        for (Candidate candidate : candidates) {
            ScoreBreakdown breakdown = router.explain(candidate, maxBm25, NOW, maxHelpfulUses);
            if (breakdown.rel() >= router.settings().minRelevance()) {
                all.add(new Scored(candidate.id(), breakdown));
            }
        }
        all.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingLong(Scored::id));
        return all.subList(0, Math.min(k, all.size()));
    }

    /**
     * Draws up to 60 candidates with unique ids in random order. A {@code tieShare} of them share one
     * of two identical profiles, so their scores are exactly equal and only the id decides.
     */
    private static List<Candidate> candidates(Random random, double tieShare) {
        int size = random.nextInt(61);
        Set<Long> ids = new HashSet<>();
        List<Candidate> candidates = new ArrayList<>();
        while (candidates.size() < size) {
            long id = 1 + random.nextInt(10_000);
            if (!ids.add(id)) {
                continue;
            }
            if (random.nextDouble() < tieShare) {
                boolean first = random.nextBoolean();
                candidates.add(new Candidate(id, first ? 0.8 : 0.5, 0, NOW.minus(Duration.ofDays(2)), first ? 3 : 1,
                        0.5));
            } else {
                candidates.add(new Candidate(id, -0.1 + 1.2 * random.nextDouble(),
                        random.nextInt(3) == 0 ? 0 : 10 * random.nextDouble(),
                        NOW.minus(Duration.ofMinutes(random.nextInt(90 * 24 * 60))), random.nextInt(8),
                        random.nextDouble()));
            }
        }
        return candidates;
    }
}

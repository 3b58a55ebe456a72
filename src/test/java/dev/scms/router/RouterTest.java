package dev.scms.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final double HALF_LIFE_DAYS = 14.0;
    private static final double EPS = 1e-12;

    private static RouterSettings settings(Weights weights, double lexicalWeight, double minRelevance,
            double loadBalancing) {
        return new RouterSettings(weights, lexicalWeight, HALF_LIFE_DAYS, minRelevance, loadBalancing);
    }

    private static Router router(Weights weights, double lexicalWeight, double minRelevance) {
        return new Router(settings(weights, lexicalWeight, minRelevance, 0.0));
    }

    private static Instant daysAgo(double days) {
        return NOW.minus(Duration.ofSeconds(Math.round(days * 86_400)));
    }

    private static Candidate candidate(long id, double cosine, double bm25, double ageDays, int helpfulUses) {
        return new Candidate(id, cosine, bm25, daysAgo(ageDays), helpfulUses, 0.5);
    }

    private static List<Long> ids(List<Scored> scored) {
        return scored.stream().map(Scored::id).toList();
    }

    private static ScoreBreakdown only(List<Scored> scored, long id) {
        return scored.stream().filter(s -> s.id() == id).findFirst().orElseThrow().breakdown();
    }

    @Test
    void temporalTermHalvesEachHalfLife() {
        // lambda = ln 2 / 14 per day: exp(-lambda * 14) = 1/2, exp(-lambda * 28) = 1/4,
        // exp(-lambda * 7) = 1/sqrt(2), and 0 days gives 1.
        Router router = router(Weights.FULL, 0.0, 0.0);
        List<Scored> ranked = router.rank(List.of(
                candidate(1, 0.5, 0, 14, 0),
                candidate(2, 0.5, 0, 28, 0),
                candidate(3, 0.5, 0, 7, 0),
                candidate(4, 0.5, 0, 0, 0)), NOW, 0);

        assertThat(only(ranked, 1).temp()).isCloseTo(0.5, within(EPS));
        assertThat(only(ranked, 2).temp()).isCloseTo(0.25, within(EPS));
        assertThat(only(ranked, 3).temp()).isCloseTo(1 / Math.sqrt(2), within(EPS));
        assertThat(only(ranked, 4).temp()).isEqualTo(1.0);
    }

    @Test
    void temporalTermUsesFractionalDays() {
        // 3.5 days: exp(-(ln 2 / 14) * 3.5) = 2^(-1/4).
        Router router = router(Weights.FULL, 0.0, 0.0);
        Candidate threeAndAHalfDays = new Candidate(1, 0.5, 0, NOW.minus(Duration.ofHours(84)), 0, 0.5);

        ScoreBreakdown breakdown = router.rank(List.of(threeAndAHalfDays), NOW, 0).get(0).breakdown();

        assertThat(breakdown.temp()).isCloseTo(Math.pow(2, -0.25), within(EPS));
    }

    @Test
    void futureLastTouchedCountsAsZeroDays() {
        Router router = router(Weights.FULL, 0.0, 0.0);
        Candidate skewed = new Candidate(1, 0.5, 0, NOW.plus(Duration.ofHours(3)), 0, 0.5);

        ScoreBreakdown breakdown = router.rank(List.of(skewed), NOW, 0).get(0).breakdown();

        assertThat(breakdown.temp()).isEqualTo(1.0);
    }

    @Test
    void usageTermIsLogOfUsesOverScopeMax() {
        // n_max = 7: n = 3 gives ln 4 / ln 8 = 2 ln 2 / 3 ln 2 = 2/3, n = 7 gives 1, n = 0 gives 0.
        Router router = router(Weights.FULL, 0.0, 0.0);
        List<Scored> ranked = router.rank(List.of(
                candidate(1, 0.5, 0, 0, 3),
                candidate(2, 0.5, 0, 0, 7),
                candidate(3, 0.5, 0, 0, 0)), NOW, 7);

        assertThat(only(ranked, 1).use()).isCloseTo(2.0 / 3.0, within(EPS));
        assertThat(only(ranked, 2).use()).isCloseTo(1.0, within(EPS));
        assertThat(only(ranked, 3).use()).isEqualTo(0.0);
    }

    @Test
    void fullScoreMatchesHandComputation() {
        // FULL weights (0.7, 0.2, 0.1), w_lex = 0.25, n_max = 7, max BM25 = 12.
        // A: cos 0.8, bm25 6 -> 0.5, rel = 0.75 * 0.8 + 0.25 * 0.5 = 0.725, 14 days -> temp 0.5,
        //    n = 3 -> use 2/3; score = 0.7 * 0.725 + 0.2 * 0.5 + 0.1 * 2/3 = 0.5075 + 0.1 + 0.0667 = 0.674167
        // B: cos 0.4, bm25 12 -> 1, rel = 0.75 * 0.4 + 0.25 = 0.55, 0 days -> temp 1, n = 7 -> use 1;
        //    score = 0.385 + 0.2 + 0.1 = 0.685
        Router router = router(Weights.FULL, 0.25, 0.1);
        List<Scored> ranked = router.rank(List.of(candidate(1, 0.8, 6, 14, 3), candidate(2, 0.4, 12, 0, 7)), NOW, 7);

        assertThat(ids(ranked)).containsExactly(2L, 1L);
        ScoreBreakdown a = only(ranked, 1);
        assertThat(a.cos()).isEqualTo(0.8);
        assertThat(a.bm25()).isEqualTo(0.5);
        assertThat(a.rel()).isCloseTo(0.725, within(EPS));
        assertThat(a.temp()).isCloseTo(0.5, within(EPS));
        assertThat(a.use()).isCloseTo(2.0 / 3.0, within(EPS));
        assertThat(a.lb()).isEqualTo(0.0);
        assertThat(a.score()).isCloseTo(0.5075 + 0.1 + 0.2 / 3.0, within(EPS));
        assertThat(only(ranked, 2).rel()).isCloseTo(0.55, within(EPS));
        assertThat(only(ranked, 2).score()).isCloseTo(0.685, within(EPS));
    }

    @Test
    void gateExcludesIrrelevantMemoryDespiteHeavyUse() {
        // C: cos 0.05, no BM25 -> rel 0.05 < 0.1, although fresh and the most used (0.2 + 0.1 of stateful score).
        // D: cos 0.3 -> rel 0.3, passes with score 0.7 * 0.3 + 0.2 * 0.5 = 0.31.
        Router router = router(Weights.FULL, 0.0, 0.1);
        List<Candidate> candidates = List.of(candidate(1, 0.05, 0, 0, 50), candidate(2, 0.3, 0, 14, 0));

        List<Scored> ranked = router.rank(candidates, NOW, 50);

        assertThat(ids(ranked)).containsExactly(2L);
        assertThat(ranked.get(0).score()).isCloseTo(0.31, within(EPS));
        assertThat(router.top(candidates, NOW, 50, 5)).isEqualTo(ranked);
    }

    @Test
    void gateKeepsRelevanceEqualToMinimum() {
        Router router = router(Weights.SEMANTIC, 0.0, 0.5);

        List<Scored> ranked = router.rank(List.of(candidate(1, 0.5, 0, 0, 0), candidate(2, 0.49, 0, 0, 0)), NOW, 0);

        assertThat(ids(ranked)).containsExactly(1L);
    }

    @Test
    void tiesBreakOnIdAscending() {
        Router router = router(Weights.FULL, 0.0, 0.0);
        List<Candidate> candidates = List.of(
                candidate(9, 0.6, 0, 3, 1),
                candidate(4, 0.6, 0, 3, 1),
                candidate(7, 0.6, 0, 3, 1),
                candidate(1, 0.2, 0, 3, 1));

        assertThat(ids(router.rank(candidates, NOW, 1))).containsExactly(4L, 7L, 9L, 1L);
        assertThat(ids(router.top(candidates, NOW, 1, 2))).containsExactly(4L, 7L);
        assertThat(ids(router.top(candidates, NOW, 1, 1))).containsExactly(4L);
    }

    @Test
    void presetsChangeOrderAsExpected() {
        // w_lex = 0, n_max = 7. P: cos 0.9, 56 days old (temp 1/16), n = 7 (use 1).
        // Q: cos 0.8, fresh (temp 1), never used (use 0).
        // semantic (1, 0, 0):     P 0.9                        Q 0.8                  -> P, Q
        // temporal (0.8, 0.2, 0): P 0.72 + 0.0125 = 0.7325      Q 0.64 + 0.2 = 0.84    -> Q, P
        // usage (0.8, 0, 0.2):    P 0.72 + 0.2 = 0.92           Q 0.64                 -> P, Q
        // full (0.7, 0.2, 0.1):   P 0.63 + 0.0125 + 0.1 = 0.7425 Q 0.56 + 0.2 = 0.76    -> Q, P
        List<Candidate> candidates = List.of(candidate(1, 0.9, 0, 56, 7), candidate(2, 0.8, 0, 0, 0));

        assertPresetOrder(Weights.SEMANTIC, candidates, 0.9, 0.8, 1L, 2L);
        assertPresetOrder(Weights.TEMPORAL, candidates, 0.7325, 0.84, 2L, 1L);
        assertPresetOrder(Weights.USAGE, candidates, 0.92, 0.64, 1L, 2L);
        assertPresetOrder(Weights.FULL, candidates, 0.7425, 0.76, 2L, 1L);
    }

    private static void assertPresetOrder(Weights weights, List<Candidate> candidates, double scoreP, double scoreQ,
            Long... expectedOrder) {
        List<Scored> ranked = router(weights, 0.0, 0.1).rank(candidates, NOW, 7);

        assertThat(ids(ranked)).as("order with %s", weights).containsExactly(expectedOrder);
        assertThat(only(ranked, 1).score()).as("P with %s", weights).isCloseTo(scoreP, within(EPS));
        assertThat(only(ranked, 2).score()).as("Q with %s", weights).isCloseTo(scoreQ, within(EPS));
    }

    @Test
    void bm25NormalisesOverAllCandidatesBeforeGate() {
        // w_lex = 0.2, gate 0.3, max BM25 = 20 (from F, which fails the gate).
        // F: cos 0, bm25 20 -> 1, rel = 0.2 < 0.3, excluded.
        // G: cos 0.5, bm25 10 -> 0.5, rel = 0.8 * 0.5 + 0.2 * 0.5 = 0.5 (it would be 0.6 if F were left out).
        Router router = router(Weights.SEMANTIC, 0.2, 0.3);

        List<Scored> ranked = router.rank(List.of(candidate(1, 0.0, 20, 0, 0), candidate(2, 0.5, 10, 0, 0)), NOW, 0);

        assertThat(ids(ranked)).containsExactly(2L);
        assertThat(only(ranked, 2).bm25()).isEqualTo(0.5);
        assertThat(only(ranked, 2).rel()).isCloseTo(0.5, within(EPS));
    }

    @Test
    void bm25ScaleDoesNotChangeScores() {
        Router router = router(Weights.FULL, 0.4, 0.0);
        List<Candidate> raw = List.of(candidate(1, 0.3, 2.5, 1, 0), candidate(2, 0.6, 7.5, 2, 1));
        List<Candidate> scaled = List.of(candidate(1, 0.3, 25, 1, 0), candidate(2, 0.6, 75, 2, 1));

        List<Scored> rawRanked = router.rank(raw, NOW, 1);
        List<Scored> scaledRanked = router.rank(scaled, NOW, 1);

        assertThat(ids(scaledRanked)).isEqualTo(ids(rawRanked));
        assertThat(only(scaledRanked, 1).bm25()).isCloseTo(only(rawRanked, 1).bm25(), within(EPS));
        assertThat(only(scaledRanked, 1).bm25()).isCloseTo(1.0 / 3.0, within(EPS));
    }

    @Test
    void loadBalancingFavoursImportantUnusedMemories() {
        // lambda_lb = 0.2, n_max = 4, semantic weights so the score is rel + lb with rel = 0.5 for all.
        // H: importance 1.0, n = 0 -> lb = 0.2 * 1.0 * (1 - 0) = 0.2
        // I: importance 0.5, n = 2 -> lb = 0.2 * 0.5 * (1 - 2/4) = 0.05
        // J: importance 1.0, n = 4 -> lb = 0.2 * 1.0 * (1 - 1) = 0
        List<Candidate> candidates = List.of(
                new Candidate(3, 0.5, 0, NOW, 0, 1.0),
                new Candidate(2, 0.5, 0, NOW, 2, 0.5),
                new Candidate(1, 0.5, 0, NOW, 4, 1.0));

        List<Scored> balanced = new Router(settings(Weights.SEMANTIC, 0.0, 0.1, 0.2)).rank(candidates, NOW, 4);
        List<Scored> plain = new Router(settings(Weights.SEMANTIC, 0.0, 0.1, 0.0)).rank(candidates, NOW, 4);

        assertThat(ids(balanced)).containsExactly(3L, 2L, 1L);
        assertThat(only(balanced, 3).lb()).isCloseTo(0.2, within(EPS));
        assertThat(only(balanced, 2).lb()).isCloseTo(0.05, within(EPS));
        assertThat(only(balanced, 1).lb()).isCloseTo(0.0, within(EPS));
        assertThat(only(balanced, 3).score()).isCloseTo(0.7, within(EPS));
        assertThat(ids(plain)).containsExactly(1L, 2L, 3L);
        assertThat(plain).allSatisfy(s -> assertThat(s.breakdown().lb()).isEqualTo(0.0));
    }

    @Test
    void zeroUsageScopeGivesNoUsageTerm() {
        // n_max = 0: use = 0 for everyone, and lb = lambda_lb * importance * (1 - 0) = 0.1 * 0.5 = 0.05.
        Router router = new Router(settings(Weights.FULL, 0.0, 0.0, 0.1));

        List<Scored> ranked = router.rank(List.of(candidate(1, 0.5, 0, 0, 0), candidate(2, 0.4, 0, 0, 0)), NOW, 0);

        assertThat(ranked).allSatisfy(s -> assertThat(s.breakdown().use()).isEqualTo(0.0));
        assertThat(ranked).allSatisfy(s -> assertThat(s.breakdown().lb()).isCloseTo(0.05, within(EPS)));
        assertThat(ids(ranked)).containsExactly(1L, 2L);
    }

    @Test
    void usesAboveScopeMaxAreClamped() {
        Router router = new Router(settings(Weights.FULL, 0.0, 0.0, 0.1));

        ScoreBreakdown breakdown = router.rank(List.of(candidate(1, 0.5, 0, 0, 9)), NOW, 3).get(0).breakdown();

        assertThat(breakdown.use()).isEqualTo(1.0);
        assertThat(breakdown.lb()).isEqualTo(0.0);
    }

    @Test
    void emptyCandidateListGivesEmptyResult() {
        Router router = router(Weights.FULL, 0.3, 0.1);

        assertThat(router.rank(List.of(), NOW, 0)).isEmpty();
        assertThat(router.top(List.of(), NOW, 0, 5)).isEmpty();
        assertThat(Router.maxBm25(List.of())).isEqualTo(0.0);
    }

    @Test
    void allBm25ZeroLeavesCosineOnly() {
        // w_lex = 0.4: rel = 0.6 * cos + 0.4 * 0 = 0.6 * 0.5 = 0.3.
        Router router = router(Weights.SEMANTIC, 0.4, 0.0);

        List<Scored> ranked = router.rank(List.of(candidate(1, 0.5, 0, 0, 0), candidate(2, 0.25, 0, 0, 0)), NOW, 0);

        assertThat(only(ranked, 1).bm25()).isEqualTo(0.0);
        assertThat(only(ranked, 1).rel()).isCloseTo(0.3, within(EPS));
        assertThat(only(ranked, 2).rel()).isCloseTo(0.15, within(EPS));
    }

    @Test
    void cosineOutsideUnitRangeIsClamped() {
        Router router = router(Weights.SEMANTIC, 0.0, 0.0);

        List<Scored> ranked = router.rank(List.of(candidate(1, -0.7, 0, 0, 0), candidate(2, 1.0000001, 0, 0, 0)), NOW, 0);

        assertThat(only(ranked, 1).cos()).isEqualTo(0.0);
        assertThat(only(ranked, 1).rel()).isEqualTo(0.0);
        assertThat(only(ranked, 2).cos()).isEqualTo(1.0);
        assertThat(ids(ranked)).containsExactly(2L, 1L);
    }

    @Test
    void invalidCandidateIsRejectedWithItsId() {
        Router router = router(Weights.FULL, 0.3, 0.1);
        Candidate good = candidate(1, 0.5, 1, 0, 0);

        assertRejected(router, List.of(good, candidate(42, Double.NaN, 1, 0, 0)), "candidate 42", "cosine");
        assertRejected(router, List.of(good, candidate(43, Double.POSITIVE_INFINITY, 1, 0, 0)), "candidate 43", "cosine");
        assertRejected(router, List.of(good, candidate(44, 0.5, Double.NaN, 0, 0)), "candidate 44", "BM25");
        assertRejected(router, List.of(good, candidate(45, 0.5, -3.2, 0, 0)), "candidate 45", "-3.2");
        assertRejected(router, List.of(good, new Candidate(46, 0.5, 1, NOW, 0, Double.NaN)), "candidate 46", "importance");
        assertRejected(router, List.of(good, new Candidate(47, 0.5, 1, NOW, 0, 1.5)), "candidate 47", "1.5");
        assertRejected(router, List.of(good, candidate(1, 0.4, 0, 0, 0)), "candidate id 1", "more than once");
    }

    private static void assertRejected(Router router, List<Candidate> candidates, String... fragments) {
        assertThatThrownBy(() -> router.rank(candidates, NOW, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(fragments);
        assertThatThrownBy(() -> router.top(candidates, NOW, 0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(fragments);
    }

    @Test
    void invalidArgumentsAreRejected() {
        Router router = router(Weights.FULL, 0.3, 0.1);
        List<Candidate> candidates = List.of(candidate(1, 0.5, 1, 0, 0));
        List<Candidate> withNull = new ArrayList<>();
        withNull.add(null);

        assertThatThrownBy(() -> router.top(candidates, NOW, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("k must be at least 1, got 0");
        assertThatThrownBy(() -> router.rank(candidates, NOW, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -1");
        assertThatThrownBy(() -> router.rank(candidates, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("now");
        assertThatThrownBy(() -> router.rank(null, NOW, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidates");
        assertThatThrownBy(() -> router.rank(withNull, NOW, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> router.explain(candidates.get(0), -1, NOW, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void explainMatchesRankAndIgnoresGate() {
        Router router = router(Weights.FULL, 0.5, 0.6);
        List<Candidate> candidates = List.of(candidate(1, 0.9, 8, 2, 1), candidate(2, 0.1, 2, 2, 1));
        double maxBm25 = Router.maxBm25(candidates);

        List<Scored> ranked = router.rank(candidates, NOW, 1);

        assertThat(ids(ranked)).containsExactly(1L);
        assertThat(router.explain(candidates.get(0), maxBm25, NOW, 1)).isEqualTo(only(ranked, 1));
        // Candidate 2: rel = 0.5 * 0.1 + 0.5 * (2 / 8) = 0.175, below the gate of 0.6 but still explained.
        assertThat(router.explain(candidates.get(1), maxBm25, NOW, 1).rel()).isCloseTo(0.175, within(EPS));
    }

    @Test
    void topMatchesBruteForceOracle() {
        Random random = new Random(20_250_601L);
        for (int round = 0; round < 200; round++) {
            Router router = new Router(randomSettings(random));
            List<Candidate> candidates = randomCandidates(random);
            int maxHelpfulUses = candidates.stream().mapToInt(Candidate::helpfulUses).max().orElse(0)
                    + (random.nextBoolean() ? 0 : random.nextInt(5));
            int k = 1 + random.nextInt(15);

            List<Scored> oracle = bruteForce(router, candidates, maxHelpfulUses);

            assertThat(router.rank(candidates, NOW, maxHelpfulUses)).as("rank, round %d", round).isEqualTo(oracle);
            assertThat(router.top(candidates, NOW, maxHelpfulUses, k)).as("top %d, round %d", k, round)
                    .isEqualTo(oracle.subList(0, Math.min(k, oracle.size())));
            assertFormula(router.settings(), candidates, oracle, maxHelpfulUses, round);
        }
    }

    /** Scores every candidate one by one, applies the gate and sorts the whole list. */
    private static List<Scored> bruteForce(Router router, List<Candidate> candidates, int maxHelpfulUses) {
        double maxBm25 = candidates.stream().mapToDouble(Candidate::bm25).max().orElse(0.0);
        List<Scored> all = new ArrayList<>();
        for (Candidate candidate : candidates) {
            ScoreBreakdown breakdown = router.explain(candidate, maxBm25, NOW, maxHelpfulUses);
            if (breakdown.rel() >= router.settings().minRelevance()) {
                all.add(new Scored(candidate.id(), breakdown));
            }
        }
        all.sort(Comparator.comparing(Scored::score, Comparator.reverseOrder()).thenComparing(Scored::id));
        return all;
    }

    /** Recomputes each score from the formula written out here, independent of the router's helpers. */
    private static void assertFormula(RouterSettings settings, List<Candidate> candidates, List<Scored> oracle,
            int nMax, int round) {
        double maxBm25 = candidates.stream().mapToDouble(Candidate::bm25).max().orElse(0.0);
        for (Scored scored : oracle) {
            Candidate c = candidates.stream().filter(x -> x.id() == scored.id()).findFirst().orElseThrow();
            double cos = Math.min(1, Math.max(0, c.cosine()));
            double bm25 = maxBm25 == 0 ? 0 : c.bm25() / maxBm25;
            double rel = (1 - settings.lexicalWeight()) * cos + settings.lexicalWeight() * bm25;
            double days = Math.max(0, Duration.between(c.lastTouched(), NOW).toMillis() / 86_400_000.0);
            double temp = Math.exp(-Math.log(2) / settings.halfLifeDays() * days);
            double use = nMax == 0 ? 0 : Math.log(1 + c.helpfulUses()) / Math.log(1 + nMax);
            double lb = settings.loadBalancing() * c.importance() * (1 - (nMax == 0 ? 0 : (double) c.helpfulUses() / nMax));
            Weights w = settings.weights();
            double expected = w.alpha() * rel + w.beta() * temp + w.gamma() * use + lb;
            assertThat(scored.score()).as("score of %d, round %d", c.id(), round).isCloseTo(expected, within(1e-9));
        }
    }

    private static RouterSettings randomSettings(Random random) {
        Weights[] presets = {Weights.SEMANTIC, Weights.TEMPORAL, Weights.USAGE, Weights.FULL};
        Weights weights = presets[random.nextInt(presets.length)];
        double loadBalancing = random.nextBoolean() ? 0.0 : random.nextDouble() * 0.3;
        return new RouterSettings(weights, random.nextDouble() * 0.5, 1 + random.nextInt(30),
                random.nextDouble() * 0.4, loadBalancing);
    }

    /** Draws half the values from small sets, so that equal scores and ties on id occur often. */
    private static List<Candidate> randomCandidates(Random random) {
        int size = random.nextInt(41);
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            long id = 1000 - 7L * i;
            if (random.nextBoolean()) {
                double cosine = new double[] {0.3, 0.6, 0.9}[random.nextInt(3)];
                candidates.add(new Candidate(id, cosine, 0, daysAgo(3), 2, 0.5));
            } else {
                double cosine = -0.2 + 1.3 * random.nextDouble();
                double bm25 = random.nextInt(3) == 0 ? 0 : 15 * random.nextDouble();
                double ageDays = -1 + 61 * random.nextDouble();
                candidates.add(new Candidate(id, cosine, bm25, daysAgo(ageDays), random.nextInt(11),
                        random.nextDouble()));
            }
        }
        return candidates;
    }
}

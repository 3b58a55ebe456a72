package dev.scms.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HierarchicalRoutingTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final int DOMAINS = 6;
    private static final int PER_DOMAIN = 30;
    private static final int DIMENSION = 24;

    /** A memory of the random data: its router candidate, domain and unit vector. */
    private record Item(Candidate candidate, String domain, float[] vector) {
    }

    /** Memories in clusters around one centre per domain, and a query between the centres of two domains. */
    private record Scenario(List<Item> items, float[] query, DomainCentroids centroids, int maxHelpfulUses) {
    }

    @Test
    void recallMatchesHandComputation() {
        assertThat(HierarchicalRouting.recall(List.of(1L, 2L, 3L), List.of(2L, 3L, 4L, 5L))).isEqualTo(0.5);
        assertThat(HierarchicalRouting.recall(List.of(5L, 4L), List.of(4L, 5L))).isEqualTo(1.0);
        assertThat(HierarchicalRouting.recall(List.of(1L), List.of(2L))).isEqualTo(0.0);
        assertThat(HierarchicalRouting.recall(List.of(), List.of(2L, 3L, 4L))).isEqualTo(0.0);
        assertThat(HierarchicalRouting.recall(List.of(7L), List.of())).isEqualTo(1.0);
        assertThat(HierarchicalRouting.recall(List.of(), List.of())).isEqualTo(1.0);
    }

    @Test
    void keepTakesNearestDomainsAndAlwaysKept() {
        DomainCentroids centroids = DomainCentroids.builder()
                .add("sqlite", new float[] {1, 0})
                .add("css", new float[] {0, 1})
                .add("git", new float[] {-1, 0})
                .build();
        List<String> items = List.of("sqlite:1", "css:2", "git:3", "sqlite:4", "css:5");

        List<String> kept = HierarchicalRouting.keep(items, item -> item.split(":")[0], item -> item.equals("git:3"),
                centroids, new float[] {1, 0}, 1);

        assertThat(kept).containsExactly("sqlite:1", "git:3", "sqlite:4");
    }

    @Test
    void recallOnClusteredDataMatchesKeptShare() {
        double[] recallSums = new double[DOMAINS + 1];
        int rounds = 0;
        for (long seed = 1; seed <= 60; seed++) {
            Random random = new Random(seed);
            Scenario scenario = clustered(random);
            Router router = new Router(new RouterSettings(Weights.FULL, 0.3, 14, 0.1,
                    random.nextBoolean() ? 0.0 : 0.1));
            int k = 1 + random.nextInt(10);
            List<Scored> full = router.top(candidates(scenario.items()), NOW, scenario.maxHelpfulUses(), k);
            double previous = 0.0;
            for (int domains = 1; domains <= DOMAINS; domains++) {
                List<Item> kept = keep(scenario, domains);
                List<Scored> hierarchical = router.top(candidates(kept), NOW, scenario.maxHelpfulUses(), k);
                double recall = HierarchicalRouting.recall(ids(hierarchical), ids(full));

                String round = "seed " + seed + ", k " + k + ", domains " + domains;
                assertThat(recall).as(round).isCloseTo(keptShare(full, kept), within(1e-12));
                assertThat(recall).as(round).isGreaterThanOrEqualTo(previous);
                assertThat(ids(hierarchical)).as(round).containsAll(lexicalMatches(full, scenario));
                previous = recall;
                recallSums[domains] += recall;
            }
            rounds++;
        }
        // The query lies between two cluster centres: one domain misses part of the top k, two find nearly all.
        assertThat(recallSums[1] / rounds).isBetween(0.5, 0.95);
        assertThat(recallSums[2] / rounds).isGreaterThan(0.95);
        assertThat(recallSums[DOMAINS] / rounds).isEqualTo(1.0);
    }

    @Test
    void allDomainsEqualFullScanExactly() {
        for (long seed = 100; seed < 160; seed++) {
            Random random = new Random(seed);
            Scenario scenario = clustered(random);
            Router router = new Router(new RouterSettings(Weights.FULL, 0.3, 14, 0.1, 0.1));
            int k = 1 + random.nextInt(2 * PER_DOMAIN);

            List<Scored> full = router.top(candidates(scenario.items()), NOW, scenario.maxHelpfulUses(), k);
            List<Scored> hierarchical = router.top(candidates(keep(scenario, DOMAINS)), NOW,
                    scenario.maxHelpfulUses(), k);

            assertThat(hierarchical).as("seed %d, k %d", seed, k).isEqualTo(full);
            assertThat(HierarchicalRouting.recall(ids(hierarchical), ids(full))).isEqualTo(1.0);
        }
    }

    private static List<Item> keep(Scenario scenario, int domains) {
        return HierarchicalRouting.keep(scenario.items(), Item::domain, item -> item.candidate().bm25() > 0,
                scenario.centroids(), scenario.query(), domains);
    }

    /** Returns the share of the full top k that the kept memories contain, computed directly. */
    private static double keptShare(List<Scored> full, List<Item> kept) {
        if (full.isEmpty()) {
            return 1.0;
        }
        Set<Long> keptIds = new HashSet<>();
        kept.forEach(item -> keptIds.add(item.candidate().id()));
        return (double) full.stream().filter(scored -> keptIds.contains(scored.id())).count() / full.size();
    }

    private static List<Long> lexicalMatches(List<Scored> full, Scenario scenario) {
        Set<Long> matched = new HashSet<>();
        scenario.items().stream().filter(item -> item.candidate().bm25() > 0)
                .forEach(item -> matched.add(item.candidate().id()));
        return ids(full).stream().filter(matched::contains).toList();
    }

    private static Scenario clustered(Random random) {
        List<float[]> centres = new ArrayList<>();
        for (int d = 0; d < DOMAINS; d++) {
            centres.add(unit(gaussian(random, 1.0)));
        }

        int near = random.nextInt(DOMAINS);
        float[] between = add(centres.get(near), scaled(centres.get((near + 1) % DOMAINS), 0.9));
        float[] query = unit(add(between, gaussian(random, 0.1)));

        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= (long) DOMAINS * PER_DOMAIN; id++) {
            ids.add(id * 3);
        }
        java.util.Collections.shuffle(ids, random);

        List<Item> items = new ArrayList<>();
        DomainCentroids.Builder builder = DomainCentroids.builder();
        int maxHelpfulUses = 0;
        for (int d = 0; d < DOMAINS; d++) {
            for (int j = 0; j < PER_DOMAIN; j++) {
                float[] vector = unit(add(centres.get(d), gaussian(random, 0.2)));
                double bm25 = random.nextInt(20) == 0 ? 1 + 14 * random.nextDouble() : 0.0;
                int uses = random.nextInt(11);
                Instant lastTouched = NOW.minus(Duration.ofHours(random.nextInt(60 * 24)));
                Candidate candidate = new Candidate(ids.get(d * PER_DOMAIN + j), dot(query, vector), bm25,
                        lastTouched, uses, random.nextDouble());
                String domain = "domain-" + d;
                items.add(new Item(candidate, domain, vector));
                builder.add(domain, vector);
                maxHelpfulUses = Math.max(maxHelpfulUses, uses);
            }
        }
        return new Scenario(items, query, builder.build(), maxHelpfulUses);
    }

    private static List<Candidate> candidates(List<Item> items) {
        return items.stream().map(Item::candidate).toList();
    }

    private static List<Long> ids(List<Scored> scored) {
        return scored.stream().map(Scored::id).toList();
    }

    private static float[] gaussian(Random random, double scale) {
        float[] vector = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] = (float) (scale * random.nextGaussian());
        }
        return vector;
    }

    private static float[] add(float[] a, float[] b) {
        float[] sum = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }

    private static float[] scaled(float[] vector, double factor) {
        float[] scaled = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            scaled[i] = (float) (factor * vector[i]);
        }
        return scaled;
    }

    private static float[] unit(float[] vector) {
        double norm = Math.sqrt(dot(vector, vector));
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return unit;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0.0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}

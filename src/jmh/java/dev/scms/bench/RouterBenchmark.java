package dev.scms.bench;

import dev.scms.config.Settings;
import dev.scms.config.SettingsLoader;
import dev.scms.router.Candidate;
import dev.scms.router.Router;
import dev.scms.router.RouterSettings;
import dev.scms.router.Scored;
import dev.scms.router.Weights;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scoring and selection by {@link Router} with the default settings: {@code rank} scores every
 * candidate and sorts those that pass the gate, {@code top} keeps the best five in a bounded heap.
 *
 * <p>The candidates imitate one MiniLM query over a store (an estimate, not a measured
 * distribution): 98% unrelated memories with a best-sentence cosine drawn from N(0.12, 0.08), 2%
 * related ones with a cosine in [0.35, 0.75), BM25 above 0 for 200 random candidates (the
 * retriever's FTS5 limit), last use spread over 180 days and helpful uses of 0 for 80%, else 1 to 20.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "--add-modules=jdk.incubator.vector", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RouterBenchmark {

    private static final int K = 5;
    private static final int LEXICAL_HITS = 200;
    private static final int MAX_HELPFUL_USES = 20;

    @Param({"1000", "10000", "100000"})
    int memories;

    private Router router;
    private List<Candidate> candidates;

    @Setup(Level.Trial)
    public void setUp() {
        Settings settings = new SettingsLoader(Map.of(), Map.of(), "bench",
                Path.of(System.getProperty("java.io.tmpdir"))).load();
        Weights weights = Weights.preset(settings.preset()).orElseThrow();
        router = new Router(new RouterSettings(weights, settings.lexicalWeight(), settings.halfLifeDays(),
                settings.minRelevance(), settings.loadBalancing()));
        candidates = candidates(memories, new SplittableRandom(7));
        System.out.printf("%n%d of %d candidates pass the relevance gate%n",
                router.rank(candidates, StoreFixture.NOW, MAX_HELPFUL_USES).size(), memories);
    }

    @Benchmark
    public List<Scored> rank() {
        return router.rank(candidates, StoreFixture.NOW, MAX_HELPFUL_USES);
    }

    @Benchmark
    public List<Scored> top() {
        return router.top(candidates, StoreFixture.NOW, MAX_HELPFUL_USES, K);
    }

    private static List<Candidate> candidates(int count, SplittableRandom random) {
        long spanSeconds = Duration.ofDays(180).toSeconds();
        List<Candidate> candidates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean related = random.nextDouble() < 0.02;
            double cosine = related ? random.nextDouble(0.35, 0.75)
                    : Math.max(-1.0, Math.min(1.0, 0.12 + 0.08 * random.nextGaussian()));
            double bm25 = random.nextInt(count) < LEXICAL_HITS ? 1.0 + 3.0 * random.nextExponential() : 0.0;
            Instant lastTouched = StoreFixture.NOW.minusSeconds(random.nextLong(spanSeconds));
            int helpfulUses = random.nextDouble() < 0.8 ? 0 : 1 + random.nextInt(MAX_HELPFUL_USES);
            candidates.add(new Candidate(i + 1, cosine, bm25, lastTouched, helpfulUses, 0.5));
        }
        return List.copyOf(candidates);
    }
}

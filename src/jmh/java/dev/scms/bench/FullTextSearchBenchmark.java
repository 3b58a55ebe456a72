package dev.scms.bench;

import dev.scms.model.ProjectKey;
import dev.scms.store.LexicalHit;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The full-text candidate query of a retrieval: {@code MemoryStore.searchText} with a project
 * scope and the retriever's limit of 200 hits, cycling through the development set's query texts.
 * {@code source} selects what runs the search: SQLite's FTS5 ({@code fts5}) or the full-text index in
 * memory ({@code index}), which the set-up builds first and reports the build time and heap of.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "--add-modules=jdk.incubator.vector", "-Xmx3g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class FullTextSearchBenchmark {

    private static final int LIMIT = 200;
    private static final Optional<ProjectKey> PROJECT = Optional.of(new ProjectKey("bench-project"));

    @Param({"1000", "10000", "100000"})
    int memories;

    @Param({"fts5", "index"})
    String source;

    private StoreFixture fixture;
    private List<String> queries;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = StoreFixture.populated(memories);
        queries = JmhData.queries();
        if (source.equals("index")) {
            buildIndex();
        }
        long hits = queries.stream().mapToLong(query -> fixture.store.searchText(query, PROJECT, LIMIT).size())
                .sum();
        System.out.printf("%d queries found %.1f hits each on average%n", queries.size(),
                (double) hits / queries.size());
    }

    private void buildIndex() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long heapBefore = runtime.totalMemory() - runtime.freeMemory();
        long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long start = System.nanoTime();
        if (!fixture.store.buildTextIndex()) {
            throw new IllegalStateException("the full-text index of " + memories + " memories is not in use");
        }
        long wall = System.nanoTime() - start;
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore;
        System.gc();
        long heapAfter = runtime.totalMemory() - runtime.freeMemory();
        System.out.printf("%nBuilt the full-text index of %d memories in %.0f ms (%.0f ms CPU); heap grew by %.1f MB%n",
                memories, wall / 1e6, cpu / 1e6, (heapAfter - heapBefore) / 1e6);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.delete();
    }

    @Benchmark
    public List<LexicalHit> searchText() {
        String query = queries.get(next);
        next = (next + 1) % queries.size();
        return fixture.store.searchText(query, PROJECT, LIMIT);
    }
}

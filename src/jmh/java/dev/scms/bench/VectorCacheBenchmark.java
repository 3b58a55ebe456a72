package dev.scms.bench;

import dev.scms.store.VectorCache;
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
 * {@link VectorCache#refresh()}: a full load into an empty cache, as at the first retrieval after
 * a start, and a refresh when nothing changed, as before every later retrieval.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "--add-modules=jdk.incubator.vector", "-Xmx3g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class VectorCacheBenchmark {

    @Param({"1000", "10000", "100000"})
    int memories;

    private StoreFixture fixture;
    private VectorCache loaded;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = StoreFixture.populated(memories);
        loaded = new VectorCache(fixture.store, StoreFixture.MODEL_ID);
        loaded.refresh();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.delete();
    }

    /** Returns the new cache, so the JIT cannot drop the load. */
    @Benchmark
    public VectorCache refreshFromEmpty() {
        VectorCache cache = new VectorCache(fixture.store, StoreFixture.MODEL_ID);
        cache.refresh();
        return cache;
    }

    @Benchmark
    public int refreshUnchanged() {
        return loaded.refresh();
    }
}

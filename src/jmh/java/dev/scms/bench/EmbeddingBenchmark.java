package dev.scms.bench;

import dev.scms.app.NativeLibraries;
import dev.scms.embed.MiniLmEmbedder;
import dev.scms.embed.ModelVariant;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Query and import embedding with the bundled all-MiniLM-L6-v2 model, quantized and full, on one
 * ONNX Runtime thread (the {@code model_threads} default): a short query of 12 words, a long one
 * of 100 words, and {@code embedAll} of 32 memory texts as an import batch sends them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "--add-modules=jdk.incubator.vector", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class EmbeddingBenchmark {

    private static final int BATCH = 32;

    @Param({"QUANTIZED", "FULL"})
    ModelVariant variant;

    private MiniLmEmbedder embedder;
    private String shortQuery;
    private String longQuery;
    private List<String> batch;

    @Setup(Level.Trial)
    public void setUp() {
        NativeLibraries.Status natives = NativeLibraries.install(StoreFixture.nativeFolder());
        natives.modelFailure().ifPresent(message -> {
            throw new IllegalStateException(message);
        });
        embedder = MiniLmEmbedder.load(variant, 1);
        List<String> queries = JmhData.queries();
        shortQuery = words(queries, 12);
        longQuery = words(queries, 100);
        batch = JmhData.memories(BATCH).stream().map(memory -> memory.title() + "\n" + memory.body()).toList();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        embedder.close();
    }

    @Benchmark
    public float[] shortQuery() {
        return embedder.embed(shortQuery);
    }

    @Benchmark
    public float[] longQuery() {
        return embedder.embed(longQuery);
    }

    @Benchmark
    public List<float[]> embedAll32() {
        return embedder.embedAll(batch);
    }

    /** Returns the first {@code count} words of the texts taken in order. */
    private static String words(List<String> texts, int count) {
        List<String> words = new ArrayList<>();
        for (String text : texts) {
            words.addAll(List.of(text.strip().split("\\s+")));
            if (words.size() >= count) {
                break;
            }
        }
        return String.join(" ", words.subList(0, Math.min(count, words.size())));
    }
}

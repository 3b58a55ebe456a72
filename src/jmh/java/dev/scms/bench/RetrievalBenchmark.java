package dev.scms.bench;

import dev.scms.core.EmbeddingSource;
import dev.scms.core.ProjectContext;
import dev.scms.core.RetrieveRequest;
import dev.scms.core.RetrieveResult;
import dev.scms.core.Scms;
import dev.scms.promotion.AdaptivePolicy;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * One {@code retrieve_memories} request through the {@link Scms} facade without the model: vector
 * cache refresh (nothing changed), cosines over every memory, FTS5 candidates, router scoring,
 * selection within the token budget, the retrieval log write and the session and diversity
 * bookkeeping. The embedder returns one fixed query vector, and the queries cycle through the
 * development set's query texts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "--add-modules=jdk.incubator.vector", "-Xmx3g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RetrievalBenchmark {

    @Param({"1000", "10000", "100000"})
    int memories;

    private StoreFixture fixture;
    private Scms scms;
    private ProjectContext context;
    private List<String> queries;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = StoreFixture.populated(memories);
        EmbeddingSource embeddings = EmbeddingSource.ready(new FixedVectorEmbedder(StoreFixture.queryVector(),
                StoreFixture.MODEL_ID));
        scms = new Scms(fixture.store, embeddings, AdaptivePolicy.defaults(), fixture.settings, fixture.clock);
        context = ProjectContext.of(fixture.folder);
        queries = JmhData.queries();
        RetrieveResult first = retrieve();
        System.out.printf("First retrieval: %d memories visible, %d passed the gate, %d returned%n",
                first.considered(), first.passedGate(), first.returned());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.delete();
    }

    @Benchmark
    public RetrieveResult retrieve() {
        String query = queries.get(next);
        next = (next + 1) % queries.size();
        return scms.retrieve(new RetrieveRequest(query, Optional.empty(), 5, Set.of(), Set.of(), 2000, "bench"),
                context);
    }
}

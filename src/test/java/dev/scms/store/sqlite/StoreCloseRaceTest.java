package dev.scms.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.NewMemory;
import dev.scms.store.ChangedMemory;
import dev.scms.store.StoredEmbedding;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads vectors from the change feed while another thread inserts and a third closes the store.
 * The reads call sqlite-jdbc's column_blob, which can crash the JVM on a connection that two
 * threads use at once or that closes during the read. After the close, calls throw "is closed".
 */
class StoreCloseRaceTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String MODEL = "all-minilm-l6-v2-q";
    private static final String CLOSED = "is closed";

    @TempDir
    Path folder;

    @RepeatedTest(5)
    void readsWritesAndCloseOverlap() throws Exception {
        SqliteMemoryStore store = SqliteMemoryStore.open(folder.resolve("scms.db"), Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < 50; i++) {
            store.insert(memory("seed " + i), Optional.of(embedding(i)));
        }
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(2);

        Thread reader = untilClosed("reader", started, unexpected, () -> {
            List<ChangedMemory> changes = store.changesSince(0, MODEL);
            assertThat(changes).isNotEmpty();
            reads.incrementAndGet();
        });
        Thread writer = untilClosed("writer", started, unexpected, () -> {
            int count = writes.incrementAndGet();
            store.insert(memory("written " + count), Optional.of(embedding(count)));
        });
        reader.start();
        writer.start();
        started.await();
        Thread.sleep(200);
        store.close();
        reader.join(10_000);
        writer.join(10_000);

        assertThat(unexpected).isEmpty();
        assertThat(reads.get()).as("reads before the close").isPositive();
        assertThat(writes.get()).as("writes before the close").isPositive();
    }

    /** Starts a thread that repeats {@code step} until it throws the store's closed error. */
    private static Thread untilClosed(String name, CountDownLatch started, ConcurrentLinkedQueue<Throwable> unexpected,
            Runnable step) {
        return new Thread(() -> {
            started.countDown();
            while (true) {
                try {
                    step.run();
                } catch (IllegalStateException e) {
                    if (!String.valueOf(e.getMessage()).contains(CLOSED)) {
                        unexpected.add(e);
                    }
                    return;
                } catch (Throwable e) {
                    unexpected.add(e);
                    return;
                }
            }
        }, name);
    }

    private static NewMemory memory(String title) {
        return new NewMemory(Layer.L0, Kind.PATTERN, title, "Body of " + title, Map.of(), "", Optional.empty(),
                List.of(), 0.5, NOW, "hash:" + title, Optional.empty());
    }

    private static StoredEmbedding embedding(int seed) {
        float[] vector = new float[384];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) Math.sin(seed + i);
        }
        return new StoredEmbedding(MODEL, vector, List.of(vector));
    }
}

package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.embed.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Embedding of one batch of texts on several threads, with repeated texts embedded once. */
class EmbeddingWorkersTest {

    private static List<String> texts(int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add("text number " + i + " about connection pool " + (i % 7));
        }
        return texts;
    }

    @Test
    void twoThreadsGiveOneThreadVectors() {
        List<String> texts = texts(40);
        List<float[]> expected = new BagOfWordsEmbedder().embedAll(texts);

        List<float[]> vectors;
        try (EmbeddingWorkers workers = EmbeddingWorkers.start(2)) {
            vectors = workers.embedAll(new BagOfWordsEmbedder(), texts);
        }

        assertThat(vectors).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(vectors.get(i)).as("vector of text %d", i).containsExactly(expected.get(i));
        }
    }

    @Test
    void repeatedTextEmbeddedOnce() {
        BagOfWordsEmbedder model = new BagOfWordsEmbedder();
        List<String> texts = List.of("pool exhausted", "retry the request", "pool exhausted", "pool exhausted");

        List<float[]> vectors = EmbeddingWorkers.callingThread().embedAll(model, texts);

        assertThat(model.embedded).hasValue(2);
        assertThat(vectors).hasSize(4);
        assertThat(vectors.get(2)).containsExactly(vectors.get(0));
        assertThat(vectors.get(3)).containsExactly(vectors.get(0));
        assertThat(vectors.get(2)).isNotSameAs(vectors.get(0));
        assertThat(vectors.get(3)).isNotSameAs(vectors.get(2));
    }

    @Test
    void oneSentenceMemoryEmbeddedOnce() {
        BagOfWordsEmbedder model = new BagOfWordsEmbedder();

        var embedding = MemoryWriter.embedAll(model, List.of(new MemoryWriter.TitledText("Pool exhausted",
                "Pool exhausted"))).get(0);

        assertThat(model.embedded).hasValue(1);
        assertThat(embedding.sentences()).singleElement().satisfies(sentence ->
                assertThat(sentence).containsExactly(embedding.vector()));
    }

    @Test
    void textsSpreadOverThreads() {
        ThreadRecorder recorder = new ThreadRecorder();

        try (EmbeddingWorkers workers = EmbeddingWorkers.start(2)) {
            workers.embedAll(new HookedEmbedder(recorder), texts(10));
        }

        assertThat(recorder.threads).hasSize(2);
        assertThat(recorder.otherThreadSeen).isTrue();
    }

    @Test
    void workerFailureReachesCaller() {
        Embedder failing = new HookedEmbedder(text -> {
            if (text.contains("number 5 ")) {
                throw new IllegalStateException("model failed on " + text);
            }
        });

        try (EmbeddingWorkers workers = EmbeddingWorkers.start(2)) {
            assertThatThrownBy(() -> workers.embedAll(failing, texts(10)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("number 5");
        }
    }

    @Test
    void oneThreadOwnsNoWorkers() {
        assertThat(EmbeddingWorkers.start(1)).isSameAs(EmbeddingWorkers.callingThread());
        assertThatThrownBy(() -> EmbeddingWorkers.start(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Bag-of-words embedder that runs a hook before each text, one text at a time per call. */
    private static class HookedEmbedder implements Embedder {

        private final BagOfWordsEmbedder delegate = new BagOfWordsEmbedder();
        private final Consumer<String> beforeEmbed;

        HookedEmbedder(Consumer<String> beforeEmbed) {
            this.beforeEmbed = beforeEmbed;
        }

        @Override
        public float[] embed(String text) {
            beforeEmbed.accept(text);
            return delegate.embed(text);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            return texts.stream().map(this::embed).toList();
        }

        @Override
        public int dimension() {
            return delegate.dimension();
        }

        @Override
        public String modelId() {
            return delegate.modelId();
        }

        @Override
        public void close() {
        }
    }

    /**
     * Records the threads that embed. The first thread waits in its texts until a second thread
     * starts one, so a batch that one thread embeds alone fails the test after the wait. The wait
     * guards against a hang and checks no timing.
     */
    private static final class ThreadRecorder implements Consumer<String> {

        final Set<String> threads = ConcurrentHashMap.newKeySet();
        volatile boolean otherThreadSeen;
        private final CountDownLatch secondThread = new CountDownLatch(1);
        private Thread first;

        @Override
        public void accept(String text) {
            Thread current = Thread.currentThread();
            threads.add(current.getName());
            boolean isFirst;
            synchronized (this) {
                if (first == null) {
                    first = current;
                } else if (first != current) {
                    otherThreadSeen = true;
                    secondThread.countDown();
                }
                isFirst = first == current;
            }
            if (isFirst) {
                try {
                    secondThread.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}

package dev.scms.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelLoaderTest {

    private static final Duration LONG_WAIT = Duration.ofSeconds(10);

    private final CountDownLatch release = new CountDownLatch(1);
    private final FakeEmbedder fake = new FakeEmbedder();
    private ModelLoader loader;

    @AfterEach
    void closeLoader() {
        release.countDown();
        if (loader != null) {
            loader.close();
        }
    }

    private Supplier<Embedder> blockingFactory() {
        return () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return fake;
        };
    }

    @Test
    void readyEmbedderIsReturned() {
        loader = new ModelLoader("fake-model", () -> fake);
        loader.start();

        Optional<Embedder> embedder = loader.await(LONG_WAIT);

        assertThat(embedder).containsSame(fake);
        assertThat(loader.state().phase()).isEqualTo(ModelState.Phase.READY);
        assertThat(loader.state().isReady()).isTrue();
        assertThat(loader.state().message()).contains("fake-model");
        assertThat(loader.loadMillis()).isPresent();
    }

    @Test
    void timeoutReturnsEmptyWhileLoading() {
        loader = new ModelLoader("fake-model", blockingFactory());
        loader.start();

        long start = System.nanoTime();
        Optional<Embedder> embedder = loader.await(Duration.ofMillis(20));
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(embedder).isEmpty();
        assertThat(waitedMillis).isLessThan(5_000);
        assertThat(loader.state().phase()).isEqualTo(ModelState.Phase.LOADING);
        assertThat(loader.loadMillis()).isEmpty();
    }

    @Test
    void becomesReadyAfterRelease() {
        loader = new ModelLoader("fake-model", blockingFactory());
        loader.start();
        assertThat(loader.await(Duration.ZERO)).isEmpty();

        release.countDown();

        assertThat(loader.await(LONG_WAIT)).containsSame(fake);
    }

    @Test
    void failureGivesFailedStateWithAdvice() {
        loader = new ModelLoader("fake-model", () -> {
            throw new EmbeddingException("model file missing");
        });
        loader.start();

        Optional<Embedder> embedder = loader.await(LONG_WAIT);

        assertThat(embedder).isEmpty();
        ModelState state = loader.state();
        assertThat(state.phase()).isEqualTo(ModelState.Phase.FAILED);
        assertThat(state.message()).contains("fake-model");
        assertThat(state.message()).contains("model file missing");
        assertThat(state.message()).contains(LoadFailureAdvice.DEFAULT_ADVICE);
    }

    @Test
    void nativeLibraryFailureSuggestsTmpdir() {
        loader = new ModelLoader("fake-model", () -> {
            throw new RuntimeException("Failed to load onnx-runtime library",
                    new UncheckedIOException(new IOException("/tmp/onnxruntime-java123: Read-only file system")));
        });
        loader.start();

        assertThat(loader.await(LONG_WAIT)).isEmpty();

        assertThat(loader.state().phase()).isEqualTo(ModelState.Phase.FAILED);
        assertThat(loader.state().message()).contains("-Djava.io.tmpdir=");
        assertThat(loader.state().message()).contains("Read-only file system").doesNotContain("null");
    }

    @Test
    void errorFromFactoryIsRecorded() {
        loader = new ModelLoader("fake-model", () -> {
            throw new UnsatisfiedLinkError("no onnxruntime in java.library.path");
        });
        loader.start();

        assertThat(loader.await(LONG_WAIT)).isEmpty();

        assertThat(loader.state().phase()).isEqualTo(ModelState.Phase.FAILED);
        assertThat(loader.state().message()).contains(LoadFailureAdvice.NATIVE_LIBRARY_ADVICE);
    }

    @Test
    void interruptedAwaitKeepsFlag() {
        loader = new ModelLoader("fake-model", blockingFactory());
        loader.start();
        Thread.currentThread().interrupt();

        Optional<Embedder> embedder = loader.await(LONG_WAIT);

        assertThat(Thread.interrupted()).isTrue();
        assertThat(embedder).isEmpty();
    }

    @Test
    void loadsOnNamedDaemonThread() {
        AtomicReference<Thread> loadingThread = new AtomicReference<>();
        loader = new ModelLoader("fake-model", () -> {
            loadingThread.set(Thread.currentThread());
            return fake;
        });
        loader.start();

        assertThat(loader.await(LONG_WAIT)).isPresent();

        assertThat(loadingThread.get().getName()).isEqualTo("scms-model-loader");
        assertThat(loadingThread.get().isDaemon()).isTrue();
    }

    @Test
    void notStartedAwaitReturnsAtOnce() {
        loader = new ModelLoader("fake-model", () -> fake);

        assertThat(loader.await(LONG_WAIT)).isEmpty();
        assertThat(loader.state().phase()).isEqualTo(ModelState.Phase.NOT_STARTED);
    }

    @Test
    void startTwiceIsRejected() {
        loader = new ModelLoader("fake-model", () -> fake);
        loader.start();

        assertThatThrownBy(loader::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeClosesReadyEmbedder() {
        loader = new ModelLoader("fake-model", () -> fake);
        loader.start();
        assertThat(loader.await(LONG_WAIT)).isPresent();

        loader.close();

        assertThat(fake.closed).isTrue();
        assertThat(loader.state().phase()).isEqualTo(ModelState.Phase.CLOSED);
        assertThat(loader.await(LONG_WAIT)).isEmpty();
    }

    @Test
    void closeDuringLoadClosesLateEmbedder() throws InterruptedException {
        loader = new ModelLoader("fake-model", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return fake;
        });
        loader.start();

        loader.close();
        release.countDown();

        assertThat(fake.closeCalled.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(loader.state().phase()).isEqualTo(ModelState.Phase.CLOSED);
    }
}

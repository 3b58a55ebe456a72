package dev.scms.embed;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads an embedder on a background daemon thread, so the server can complete the MCP
 * handshake while the model loads. Callers wait a bounded time with {@link #await(Duration)} and fall
 * back to lexical search when the model is not ready. Thread-safe.
 */
public final class ModelLoader implements AutoCloseable {

    static final String THREAD_NAME = "scms-model-loader";

    /** How long {@link #close()} waits for a load in progress to end. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);

    private final String modelId;
    private final Supplier<? extends Embedder> factory;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Object lock = new Object();

    private ModelState state;
    private Embedder embedder;
    private long loadMillis;

    /**
     * Creates a loader that calls {@code factory} once, on its own thread, after {@link #start()}.
     *
     * @param modelId model named in state messages and logs
     */
    public ModelLoader(String modelId, Supplier<? extends Embedder> factory) {
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.state = new ModelState(ModelState.Phase.NOT_STARTED, "Embedding model " + modelId + " is not loading yet.");
    }

    /** Creates a loader of the bundled MiniLM model of {@code variant}. */
    public static ModelLoader forVariant(ModelVariant variant, int threads) {
        Objects.requireNonNull(variant, "variant");
        return new ModelLoader(variant.modelId(), () -> MiniLmEmbedder.load(variant, threads));
    }

    /**
     * Waits, bounded by {@link #CLOSE_WAIT}, for a running load to end. Exiting the JVM while
     * ONNX Runtime is still creating its session crashed it with SIGSEGV in native code, also
     * when a signal such as the SIGTERM a client sends at disconnect ended the process.
     */
    private void awaitLoadEnd() {
        boolean loading;
        synchronized (lock) {
            loading = state.phase() == ModelState.Phase.LOADING;
        }
        if (!loading) {
            return;
        }
        try {
            if (!finished.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Embedding model {} still loading after {} ms; closing anyway", modelId, CLOSE_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts loading on a daemon thread named {@value #THREAD_NAME}.
     *
     * @throws IllegalStateException if called twice or after {@link #close()}
     */
    public void start() {
        synchronized (lock) {
            if (state.phase() != ModelState.Phase.NOT_STARTED) {
                throw new IllegalStateException("Loader of embedding model " + modelId + " was already started ("
                        + state.phase() + ")");
            }
            state = new ModelState(ModelState.Phase.LOADING, "Embedding model " + modelId + " is loading.");
        }
        Thread thread = new Thread(this::load, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
        guardExit();
    }

    /**
     * Registers a shutdown hook that waits for a load in progress, so that a signal, or an exit
     * that skips {@link #close()}, does not tear ONNX Runtime down under the loading thread.
     */
    private void guardExit() {
        Thread guard = new Thread(this::awaitLoadEnd, THREAD_NAME + "-exit");
        try {
            Runtime.getRuntime().addShutdownHook(guard);
        } catch (IllegalStateException e) {
            LOG.debug("The JVM is already shutting down; {} is not guarded", modelId);
        }
    }

    private void load() {
        long start = System.nanoTime();
        try {
            Embedder loaded = Objects.requireNonNull(factory.get(), "embedder factory returned null");
            ready(loaded, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | Error e) {
            // Any failure ends this thread, so it is recorded here for callers of await and state.
            failed(e);
        } finally {
            finished.countDown();
        }
    }

    private void ready(Embedder loaded, long millis) {
        synchronized (lock) {
            if (state.phase() == ModelState.Phase.CLOSED) {
                loaded.close();
                return;
            }
            embedder = loaded;
            loadMillis = millis;
            state = new ModelState(ModelState.Phase.READY,
                    "Embedding model " + modelId + " loaded in " + millis + " ms.");
        }
        LOG.info("Embedding model {} loaded in {} ms", modelId, millis);
    }

    private void failed(Throwable failure) {
        String message = LoadFailureAdvice.describe(modelId, failure);
        synchronized (lock) {
            if (state.phase() != ModelState.Phase.CLOSED) {
                state = new ModelState(ModelState.Phase.FAILED, message);
            }
        }
        LOG.error(message, failure);
    }

    /**
     * Waits up to {@code maxWait} for the model. Returns empty at once when loading failed, was
     * never started or the loader is closed, and empty when the wait runs out or the thread is
     * interrupted (the interrupt flag is set again). Never throws for a failed load.
     */
    public Optional<Embedder> await(Duration maxWait) {
        Objects.requireNonNull(maxWait, "maxWait");
        if (state().phase() == ModelState.Phase.LOADING) {
            try {
                finished.await(Math.max(0, maxWait.toNanos()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        synchronized (lock) {
            return state.phase() == ModelState.Phase.READY ? Optional.of(embedder) : Optional.empty();
        }
    }

    public ModelState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Returns how long loading took, once the model is ready. */
    public OptionalLong loadMillis() {
        synchronized (lock) {
            return state.phase() == ModelState.Phase.READY ? OptionalLong.of(loadMillis) : OptionalLong.empty();
        }
    }

    /**
     * Closes the loaded embedder. A load still running finishes in the background, and its
     * embedder is closed as soon as it is ready.
     */
    @Override
    public void close() {
        awaitLoadEnd();
        Embedder loaded;
        synchronized (lock) {
            if (state.phase() == ModelState.Phase.CLOSED) {
                return;
            }
            loaded = embedder;
            embedder = null;
            state = new ModelState(ModelState.Phase.CLOSED, "Embedding model " + modelId + " is closed.");
        }
        if (loaded != null) {
            loaded.close();
        }
    }
}

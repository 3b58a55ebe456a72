package dev.scms.app;

import dev.scms.core.EmbeddingSource;
import dev.scms.embed.Embedder;
import dev.scms.embed.ModelLoader;
import java.time.Duration;
import java.util.Optional;

/**
 * The embedding model of a one-shot command: it starts loading when started or first requested, and
 * no wait lasts past a deadline, after which a retrieval ranks with full-text search alone.
 *
 * <p>A request with a zero wait gets no model. {@code Scms} requests the model that way before a retrieval, to
 * embed memories stored without vectors, and a one-shot command leaves that work to the server.
 */
final class DeadlineModelSource implements EmbeddingSource {

    private final ModelLoader loader;
    private final String modelId;
    private final long deadlineNanos;
    private boolean started;

    /** @param deadlineNanos the {@link System#nanoTime()} after which no wait for the model lasts */
    DeadlineModelSource(ModelLoader loader, String modelId, long deadlineNanos) {
        this.loader = loader;
        this.modelId = modelId;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public Optional<Embedder> await(Duration maxWait) {
        start();
        if (maxWait.isZero()) {
            return Optional.empty();
        }
        long left = Math.max(0, deadlineNanos - System.nanoTime());
        return loader.await(Duration.ofNanos(Math.min(left, maxWait.toNanos())));
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public String status() {
        return loader.state().message();
    }

    /** Starts loading the model now, unless it was started before. */
    synchronized void start() {
        if (!started) {
            started = true;
            loader.start();
        }
    }

}

package dev.scms.core;

import dev.scms.embed.Embedder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that embed a list of texts side by side: the calling thread and {@code threads - 1}
 * worker threads, each passing one text at a time to the model. A text that occurs more than once
 * in the list is embedded once.
 *
 * <p>The vectors equal those of one {@link Embedder#embedAll} call over the whole list as long as
 * the model embeds each text on its own, as {@code MiniLmEmbedder} does with one ONNX Runtime run
 * per text. A model that batched texts could give a text another vector next to other texts.
 */
final class EmbeddingWorkers implements AutoCloseable {

    private static final EmbeddingWorkers CALLING_THREAD = new EmbeddingWorkers(1, Optional.empty());

    private final int threads;
    private final Optional<ExecutorService> workers;

    private EmbeddingWorkers(int threads, Optional<ExecutorService> workers) {
        this.threads = threads;
        this.workers = workers;
    }

    /** Returns workers that embed every text on the calling thread and own no thread. */
    static EmbeddingWorkers callingThread() {
        return CALLING_THREAD;
    }

    /**
     * Starts {@code threads - 1} daemon threads named {@code scms-embed-N}, which {@link #close()}
     * stops.
     *
     * @param threads threads that embed at once, the calling thread included, at least 1
     */
    static EmbeddingWorkers start(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (threads == 1) {
            return CALLING_THREAD;
        }
        AtomicInteger created = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads - 1, task -> {
            Thread thread = new Thread(task, "scms-embed-" + created.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return new EmbeddingWorkers(threads, Optional.of(executor));
    }

    /**
     * Embeds each text and returns the vectors in the order of {@code texts}. Equal texts get equal
     * vectors in separate arrays. The first failure of any thread is thrown once all threads have
     * stopped.
     */
    List<float[]> embedAll(Embedder model, List<String> texts) {
        Map<String, Integer> firstIndex = new HashMap<>();
        List<String> distinct = new ArrayList<>();
        int[] slots = new int[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            slots[i] = firstIndex.computeIfAbsent(texts.get(i), text -> {
                distinct.add(text);
                return distinct.size() - 1;
            });
        }
        List<float[]> vectors = embedDistinct(model, distinct);
        boolean[] handedOut = new boolean[distinct.size()];
        List<float[]> result = new ArrayList<>(texts.size());
        for (int slot : slots) {
            float[] vector = vectors.get(slot);
            result.add(handedOut[slot] ? vector.clone() : vector);
            handedOut[slot] = true;
        }
        return result;
    }

    private List<float[]> embedDistinct(Embedder model, List<String> texts) {
        int helpers = Math.min(threads, texts.size()) - 1;
        if (workers.isEmpty() || helpers < 1) {
            return texts.isEmpty() ? List.of() : model.embedAll(texts);
        }

        float[][] vectors = new float[texts.size()][];
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            try {
                for (int i = next.getAndIncrement(); i < texts.size(); i = next.getAndIncrement()) {
                    vectors[i] = model.embedAll(List.of(texts.get(i))).get(0);
                }
            } catch (RuntimeException | Error e) {
                // The other threads stop after their current text.
                next.set(texts.size());
                throw e;
            }
        };

        List<Future<?>> running = new ArrayList<>(helpers);
        for (int i = 0; i < helpers; i++) {
            running.add(workers.get().submit(drain));
        }
        Throwable failure = null;
        try {
            drain.run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> helper : running) {
            failure = firstFailure(failure, awaitUninterruptibly(helper));
        }

        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return Arrays.asList(vectors);
    }

    /**
     * Waits for a helper, which stops within one text once the list runs out or a thread fails, so
     * the wait stays short. An interrupt is kept for the caller to see.
     */
    private static Optional<Throwable> awaitUninterruptibly(Future<?> helper) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    helper.get();
                    return Optional.empty();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return Optional.of(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Throwable firstFailure(Throwable first, Optional<Throwable> next) {
        if (next.isEmpty()) {
            return first;
        }
        if (first == null) {
            return next.get();
        }
        if (first != next.get()) {
            first.addSuppressed(next.get());
        }
        return first;
    }

    /** Stops the worker threads; they are idle between calls of {@link #embedAll}. */
    @Override
    public void close() {
        workers.ifPresent(ExecutorService::shutdown);
    }
}

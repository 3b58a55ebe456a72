package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.core.EmbeddingSource;
import dev.scms.core.Importer;
import dev.scms.core.Scms;
import dev.scms.embed.CachingEmbedder;
import dev.scms.embed.Embedder;
import dev.scms.embed.MiniLmEmbedder;
import dev.scms.embed.ModelLoader;
import dev.scms.embed.ModelVariant;
import dev.scms.embed.OptimizedModelCache;
import dev.scms.promotion.AdaptivePolicy;
import dev.scms.promotion.DomainStability;
import dev.scms.promotion.PromotionPolicy;
import dev.scms.promotion.StaticPolicy;
import dev.scms.store.MemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** Wires the store, the model and the use cases from the settings; closing it releases all three. */
final class Application implements AutoCloseable {

    /** How long the background backfill waits for the model to load. */
    private static final Duration BACKFILL_WAIT = Duration.ofMinutes(5);

    private final MemoryStore store;
    private final ModelLoader loader;
    private final Scms scms;
    private final Importer importer;

    private Application(MemoryStore store, ModelLoader loader, Scms scms, Importer importer) {
        this.store = store;
        this.loader = loader;
        this.scms = scms;
        this.importer = importer;
    }

    /** Opens the store and starts loading the model in the background. */
    static Application open(Settings settings, Clock clock) {
        return open(settings, clock, true);
    }

    /** Opens the store; with {@code loadModel} false the model is never loaded, for commands that need no vectors. */
    static Application open(Settings settings, Clock clock, boolean loadModel) {
        ModelVariant variant = ModelVariant.parse(settings.model()).orElseThrow(() -> new IllegalArgumentException(
                "unknown model " + settings.model()));
        NativeLibraries.Status natives = NativeLibraries.installForStore(settings.nativeDir(), loadModel);
        ModelLoader loader = new ModelLoader(variant.modelId(), () -> {
            NativeLibraries.requireModelLibraries(natives);
            return CachingEmbedder.wrap(MiniLmEmbedder.load(variant, settings.modelThreads(), modelCache(settings)));
        });
        EmbeddingSource source;
        if (loadModel) {
            // The model loads while the store opens and the MCP server starts, so the first
            // retrieval waits less for it.
            loader.start();
            source = new LoaderSource(loader, variant.modelId());
        } else {
            source = EmbeddingSource.none(variant.modelId(), "model not loaded by this command");
        }
        MemoryStore store = openStore(settings, clock, loader);
        Scms scms = new Scms(store, source, policy(settings), settings, clock);
        Importer importer = new Importer(store, source, scms.projects(), clock,
                embedThreads(Runtime.getRuntime().availableProcessors(), settings.modelThreads()));
        return new Application(store, loader, scms, importer);
    }

    private static MemoryStore openStore(Settings settings, Clock clock, ModelLoader loader) {
        try {
            return StoreSelection.open(settings, clock);
        } catch (RuntimeException e) {
            loader.close();
            throw e;
        }
    }

    /**
     * Returns how many threads import and reindex embed on: one per processor that the model's
     * own intra-op threads leave free, and at least one.
     */
    static int embedThreads(int processors, int modelThreads) {
        return Math.max(1, processors / Math.max(1, modelThreads));
    }

    /** Returns the cache of optimized models in the data folder, which later starts load faster from. */
    static OptimizedModelCache modelCache(Settings settings) {
        return OptimizedModelCache.in(settings.home().resolve("models"));
    }

    static PromotionPolicy policy(Settings settings) {
        if (settings.promotionPolicy().equals("static")) {
            return StaticPolicy.defaults();
        }
        Map<String, DomainStability> stability = new HashMap<>();
        settings.domainStability().forEach((domain, value) -> stability.put(domain, DomainStability.parse(value)
                .orElseThrow(() -> new IllegalArgumentException("unknown stability " + value))));
        return new AdaptivePolicy(stability);
    }

    /** A wait that the background thread finishes before it starts its work. */
    @FunctionalInterface
    interface StartSignal {
        void await() throws InterruptedException;
    }

    /**
     * Starts, on a daemon thread, loading the memories into the cache while the model loads, then
     * embedding the memories that have no vector of the current model, as soon as the model is ready,
     * then building the full-text index in the background.
     */
    void startBackfill() {
        startBackfill(() -> { });
    }

    /** Starts the work of {@link #startBackfill()} once {@code signal} has returned. */
    void startBackfill(StartSignal signal) {
        Thread thread = new Thread(afterSignal(signal, () -> {
            try {
                scms.warmUp();
                scms.backfill(BACKFILL_WAIT);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(Application.class).warn(
                        "Loading the memories or embedding those without a vector failed: {}", e.getMessage());
            }
            // The start-up work is done or failed, so the full-text index builds while the server waits for
            // requests. Started as soon as the model had loaded, it delayed the first result at 10k by about 0.4 s.
            try {
                scms.prepareTextSearch();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(Application.class).warn(
                        "Starting the full-text index failed, so searches use FTS5: {}", e.getMessage());
            }
        }), "scms-backfill");
        thread.setDaemon(true);
        thread.start();
    }

    /** Returns a task that runs {@code work} after {@code signal} has returned, and not at all when interrupted. */
    static Runnable afterSignal(StartSignal signal, Runnable work) {
        return () -> {
            try {
                signal.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            work.run();
        };
    }

    Scms scms() {
        return scms;
    }

    Importer importer() {
        return importer;
    }

    MemoryStore store() {
        return store;
    }

    @Override
    public void close() {
        loader.close();
        store.close();
    }

    /** Presents the background loader to the use cases. */
    private record LoaderSource(ModelLoader loader, String modelId) implements EmbeddingSource {

        @Override
        public Optional<Embedder> await(Duration maxWait) {
            return loader.await(maxWait);
        }

        @Override
        public String status() {
            return loader.state().message();
        }
    }
}

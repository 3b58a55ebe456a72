package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.core.ContextBlock;
import dev.scms.core.ContextBuilder;
import dev.scms.core.ContextRequest;
import dev.scms.core.ProjectContext;
import dev.scms.core.Scms;
import dev.scms.embed.CachingEmbedder;
import dev.scms.embed.MiniLmEmbedder;
import dev.scms.embed.ModelLoader;
import dev.scms.embed.ModelVariant;
import dev.scms.store.MemoryStore;
import dev.scms.embed.ModelState;
import java.nio.file.Files;
import java.time.Clock;

/**
 * Wires what {@code scms context} needs and nothing more: an existing database, opened without
 * creating or migrating it, no background backfill, and a model that loads only for a prompt,
 * waited for until a deadline at most.
 */
final class ContextRuntime implements AutoCloseable {

    private final MemoryStore store;
    private final ModelLoader loader;
    private final ContextBuilder builder;
    private boolean modelAbandoned;

    private ContextRuntime(MemoryStore store, ModelLoader loader, ContextBuilder builder) {
        this.store = store;
        this.loader = loader;
        this.builder = builder;
    }

    /**
     * Opens the database of the settings. With {@code loadModelNow}, and when the database file
     * exists, the model starts loading before the database opens, so that both proceed at once;
     * otherwise it loads when a retrieval first requests it.
     *
     * @param modelDeadlineNanos the {@link System#nanoTime()} after which retrievals stop waiting for the model
     * @throws dev.scms.store.StoreException if the database is missing, busy, older or newer than this program
     */
    static ContextRuntime open(Settings settings, Clock clock, long modelDeadlineNanos, boolean loadModelNow) {
        ModelVariant variant = ModelVariant.parse(settings.model()).orElseThrow(() -> new IllegalArgumentException(
                "unknown model " + settings.model()));
        NativeLibraries.Status natives = NativeLibraries.installForStore(settings.nativeDir(), true);
        ModelLoader loader = new ModelLoader(variant.modelId(), () -> {
            NativeLibraries.requireModelLibraries(natives);
            return CachingEmbedder.wrap(MiniLmEmbedder.load(variant, settings.modelThreads(),
                    Application.modelCache(settings)));
        });
        DeadlineModelSource source = new DeadlineModelSource(loader, variant.modelId(), modelDeadlineNanos);
        if (loadModelNow && (settings.storeUrl().isPresent() || Files.isRegularFile(settings.database()))) {
            source.start();
        }
        MemoryStore store;
        try {
            store = StoreSelection.openExisting(settings, clock);
        } catch (RuntimeException e) {
            loader.close();
            throw e;
        }
        Scms scms = new Scms(store, source, Application.policy(settings), settings, clock);
        return new ContextRuntime(store, loader, new ContextBuilder(store, scms, clock));
    }

    ContextBlock build(ContextRequest request, ProjectContext context) {
        return builder.build(request, context);
    }

    /**
     * Closes the store, then the model. A model still loading is left as it is, and
     * {@link #modelAbandoned()} turns true: the caller must then end the process with
     * {@link Runtime#halt}, because {@link System#exit} while ONNX Runtime creates its session
     * crashed the JVM (5 of 40 runs here, against 0 of 100 with halt).
     */
    @Override
    public void close() {
        store.close();
        if (loader.state().phase() == ModelState.Phase.LOADING) {
            modelAbandoned = true;
            return;
        }
        loader.close();
    }

    boolean modelAbandoned() {
        return modelAbandoned;
    }
}

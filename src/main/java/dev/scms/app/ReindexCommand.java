package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.core.Reindexer;
import dev.scms.embed.Embedder;
import java.util.Optional;
import picocli.CommandLine.Command;

/** Re-embeds every memory with the configured model. */
@Command(name = "reindex", mixinStandardHelpOptions = true, description = "Re-embed every memory with the "
        + "configured model (choose it with --model quantized|full), for example after a change of model. It is "
        + "safe to interrupt: a memory not yet re-embedded keeps its old vector, and one without a vector of the "
        + "current model is embedded at the next start.")
final class ReindexCommand extends StoreCommand {

    @Override
    public Integer call() {
        Settings loaded = loadSettings();
        try (Application application = open(loaded, true)) {
            Optional<Embedder> model = awaitModel(application, "nothing was re-embedded");
            if (model.isEmpty()) {
                return ErrorHandler.FAILURE;
            }
            Reindexer reindexer = new Reindexer(application.store(), Application.embedThreads(
                    Runtime.getRuntime().availableProcessors(), loaded.modelThreads()));
            Progress progress = new Progress(err(), "re-embedding", reindexer.total());
            long start = System.nanoTime();
            int embedded = reindexer.reindex(model.get(), progress::update);
            progress.done();
            out().printf("Re-embedded %d memories with %s in %.1f s%n", embedded, model.get().modelId(),
                    (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }
}

package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.core.RememberRequest;
import dev.scms.embed.MiniLmEmbedder;
import dev.scms.embed.ModelVariant;
import dev.scms.eval.EvalQuery;
import dev.scms.eval.EvalSettings;
import dev.scms.eval.Preset;
import dev.scms.eval.Replay;
import dev.scms.eval.RunResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the replays of one {@code scms eval} command: loads the model once, replays each preset
 * in a temporary folder with a progress bar on stderr, and deletes the folder when the run ends,
 * also when the process is interrupted.
 */
final class EvalRun {

    private final PrintWriter err;
    private final EvalSettings settings;
    private final Settings loaded;
    private final boolean feedback;
    private int embeddedTexts;
    private double embeddingSeconds;

    EvalRun(PrintWriter err, EvalSettings settings, Settings loaded, boolean feedback) {
        this.err = err;
        this.settings = settings;
        this.loaded = loaded;
        this.feedback = feedback;
    }

    List<RunResult> replayAll(List<Preset> presets, List<RememberRequest> memories, List<EvalQuery> queries, int k)
            throws IOException {
        List<RunResult> results = new ArrayList<>();
        Path work = Files.createTempDirectory("scms-eval-");
        Thread cleanup = new Thread(() -> deleteQuietly(work), "scms-eval-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        ModelVariant variant = ModelVariant.parse(loaded.model()).orElseThrow();
        NativeLibraries.installForStore(loaded.nativeDir(), true);
        try (MiniLmEmbedder embedder = MiniLmEmbedder.load(variant, loaded.modelThreads())) {
            Replay replay = new Replay(embedder, work, settings, feedback);
            for (int i = 0; i < presets.size(); i++) {
                Preset preset = presets.get(i);
                err.printf(Locale.ROOT, "eval: preset %s (%d of %d), %d memories, %d queries%n", preset.name(), i + 1,
                        presets.size(), memories.size(), queries.size());
                Progress progress = new Progress(err, "eval " + preset.name(), memories.size() + queries.size());
                RunResult result = replay.run(preset, memories, queries, k, (done, total) -> progress.update(done));
                progress.done();
                err.printf(Locale.ROOT, "eval: preset %s took %.1f s%n", preset.name(), result.seconds());
                results.add(result);
            }
            embeddedTexts = replay.embeddedTexts();
            embeddingSeconds = replay.embeddingSeconds();
        } finally {
            Replay.deleteTree(work);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down and runs the hook, which finds the folder gone.
            }
        }
        return results;
    }

    int embeddedTexts() {
        return embeddedTexts;
    }

    double embeddingSeconds() {
        return embeddingSeconds;
    }

    private static void deleteQuietly(Path work) {
        try {
            Replay.deleteTree(work);
        } catch (RuntimeException e) {
            // The process is ending; the message is the last thing the user can act on.
            System.err.println("scms eval: could not delete the temporary folder " + work + ": " + e.getMessage());
        }
    }
}

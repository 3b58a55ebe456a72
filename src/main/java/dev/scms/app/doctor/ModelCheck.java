package dev.scms.app.doctor;

import dev.scms.embed.EmbeddingException;
import dev.scms.embed.MiniLmEmbedder;
import dev.scms.embed.ModelVariant;
import java.util.Locale;

/** Loads the configured embedding model and embeds one sentence, timing both. */
public final class ModelCheck {

    static final String TEST_SENTENCE = "Open every SQLite connection in WAL mode with a busy timeout.";

    private ModelCheck() {
    }

    public static Check check(String model, int threads) {
        ModelVariant variant = ModelVariant.parse(model).orElse(null);
        if (variant == null) {
            return Check.fail("model", "unknown model '" + model + "'; use quantized or full");
        }
        long start = System.nanoTime();
        try (MiniLmEmbedder embedder = MiniLmEmbedder.load(variant, threads)) {
            long loaded = System.nanoTime();
            float[] vector = embedder.embed(TEST_SENTENCE);
            long embedded = System.nanoTime();
            return Check.ok("model", String.format(Locale.ROOT, "%s loaded in %d ms; a test sentence embedded in "
                    + "%.1f ms (%d dimensions)", variant.modelId(), millis(start, loaded),
                    (embedded - loaded) / 1e6, vector.length));
        } catch (EmbeddingException | LinkageError e) {
            return Check.fail("model", variant.modelId() + " failed to load or embed: " + e.getMessage());
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}

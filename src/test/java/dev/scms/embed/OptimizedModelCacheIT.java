package dev.scms.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads the quantized model through a cache of optimized models in a temporary folder. */
class OptimizedModelCacheIT {

    private static final String TEXT = "SQLite database is locked by another process";

    private static float[] uncached;

    @TempDir
    Path temp;

    @BeforeAll
    static void embedWithoutCache() {
        try (MiniLmEmbedder embedder = MiniLmEmbedder.load(ModelVariant.QUANTIZED, 1)) {
            uncached = embedder.embed(TEXT);
        }
    }

    @Test
    void firstLoadSavesOptimizedModel() throws IOException {
        Path folder = temp.resolve("models");

        float[] vector = embed(folder);

        assertThat(vector).containsExactly(uncached);
        assertThat(files(folder)).singleElement().satisfies(file -> {
            assertThat(file.getFileName().toString()).startsWith("all-minilm-l6-v2-q-").endsWith(".onnx");
            assertThat(Files.size(file)).isPositive();
        });
    }

    @Test
    void secondLoadReusesSavedModel() throws IOException {
        Path folder = temp.resolve("models");
        embed(folder);
        Path saved = files(folder).get(0);
        FileTime written = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(saved, written);

        float[] vector = embed(folder);

        assertThat(vector).containsExactly(uncached);
        assertThat(files(folder)).containsExactly(saved);
        assertThat(Files.getLastModifiedTime(saved)).isEqualTo(written);
    }

    @Test
    void damagedFileIsReplaced() throws IOException {
        Path folder = temp.resolve("models");
        embed(folder);
        Path saved = files(folder).get(0);
        Files.writeString(saved, "not a model", StandardCharsets.UTF_8);

        float[] vector = embed(folder);

        assertThat(vector).containsExactly(uncached);
        assertThat(files(folder)).containsExactly(saved);
        assertThat(Files.size(saved)).isGreaterThan(1_000_000);
    }

    @Test
    void fileOfOtherVersionIsDeleted() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("models"));
        Path stale = Files.writeString(folder.resolve("all-minilm-l6-v2-q-00000000-ort0.0.0.onnx"), "old");
        Path otherModel = Files.writeString(folder.resolve("all-minilm-l6-v2-00000000-ort0.0.0.onnx"), "full model");

        embed(folder);

        assertThat(stale).doesNotExist();
        assertThat(otherModel).exists();
        assertThat(files(folder)).hasSize(2);
    }

    @Test
    void unwritableFolderStillLoads() throws IOException {
        Path notAFolder = Files.writeString(temp.resolve("models"), "a file where the folder belongs");

        float[] vector = embed(notAFolder.resolve("inside"));

        assertThat(vector).containsExactly(uncached);
    }

    private static float[] embed(Path folder) {
        try (MiniLmEmbedder embedder = MiniLmEmbedder.load(ModelVariant.QUANTIZED, 1, OptimizedModelCache.in(folder))) {
            return embedder.embed(TEXT);
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.sorted().toList();
        }
    }
}

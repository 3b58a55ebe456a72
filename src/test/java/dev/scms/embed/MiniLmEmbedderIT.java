package dev.scms.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the bundled all-MiniLM-L6-v2 models through ONNX Runtime. */
class MiniLmEmbedderIT {

    private static final Logger LOG = LoggerFactory.getLogger(MiniLmEmbedderIT.class);
    private static final int THREADS = 2;

    private static MiniLmEmbedder embedder;

    @BeforeAll
    static void loadQuantizedModel() {
        long start = System.nanoTime();
        embedder = MiniLmEmbedder.load(ModelVariant.QUANTIZED, THREADS);
        LOG.info("Loaded {} in {} ms", embedder.modelId(), (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    static void closeModel() {
        embedder.close();
    }

    @Test
    void vectorHas384UnitDimensions() {
        float[] vector = embedder.embed("SQLite database is locked");

        assertThat(vector).hasSize(384);
        assertThat(embedder.dimension()).isEqualTo(384);
        assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
        assertThat(embedder.modelId()).isEqualTo("all-minilm-l6-v2-q");
    }

    @Test
    void relatedTextIsCloserThanUnrelated() {
        float[] query = embedder.embed("SQLite database is locked");
        float[] related = embedder.embed("sqlite busy timeout SQLITE_BUSY error");
        float[] unrelated = embedder.embed("CSS flexbox centering");

        assertThat(cosine(query, related)).isGreaterThan(cosine(query, unrelated));
    }

    @Test
    void textWithoutLettersGivesZeroVector() {
        List<String> texts = List.of("", "   \t\n ", "\uD83D\uDE00\uD83C\uDF89", "\u0000\u0001\u001B", "\uFFFD", "?!",
                "\u0301\u0308\u0327".repeat(200));

        for (String text : texts) {
            float[] vector = embedder.embed(text);
            assertThat(vector).as("vector of %s", Arrays.toString(text.codePoints().toArray())).hasSize(384);
            assertThat(norm(vector)).as("norm of %s", Arrays.toString(text.codePoints().toArray())).isZero();
        }
    }

    @Test
    void loneSurrogatesAreEmbedded() {
        float[] highFirst = embedder.embed("\uD800 database is locked");
        float[] lowLast = embedder.embed("database is locked \uDC00");
        float[] onlySurrogate = embedder.embed("\uDC00");

        assertThat(norm(highFirst)).isCloseTo(1.0, within(1e-4));
        assertThat(norm(lowLast)).isCloseTo(1.0, within(1e-4));
        assertThat(norm(onlySurrogate)).isZero();
    }

    @Test
    void longTextIsEmbeddedFromItsStart() {
        String paragraph = "The store retries a write when SQLite reports that the database is locked. ";
        String longText = paragraph.repeat(50_000 / paragraph.length() + 1);

        long start = System.nanoTime();
        float[] vector = embedder.embed(longText);
        long millis = (System.nanoTime() - start) / 1_000_000;

        LOG.info("Embedded {} characters in {} ms", longText.length(), millis);
        assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
        assertThat(cosine(vector, embedder.embed(longText.substring(0, 1_000)))).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void oddTextsEmbedWithoutError() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("100k characters without spaces", "a".repeat(100_000));
        texts.put("100k characters of words", "locked database ".repeat(6_250));
        texts.put("letter with 500 combining marks", "e" + "\u0301".repeat(500));
        texts.put("NUL and controls between words", "database\u0000is\u0007locked\u001B[31m\u007F\u0085");
        texts.put("CJK without spaces", "数据库被锁定了请稍后重试这个错误经常出现在并发写入的时候".repeat(100));
        texts.put("emoji between words", "build \uD83D\uDD25 failed \uD83D\uDC68\u200D\uD83D\uDCBB again");
        texts.put("right-to-left and bidi controls", "\u202Eقاعدة البيانات مقفلة\u202C");

        for (Map.Entry<String, String> text : texts.entrySet()) {
            float[] vector = embedder.embed(text.getValue());

            assertThat(vector).as(text.getKey()).hasSize(384);
            assertThat(norm(vector)).as("norm of %s", text.getKey()).isCloseTo(1.0, within(1e-4));
        }
        List<float[]> vectors = embedder.embedAll(List.copyOf(texts.values()));
        assertThat(vectors).hasSize(texts.size());
    }

    @Test
    void sameTextGivesIdenticalVector() {
        float[] first = embedder.embed("retry with exponential backoff");
        float[] second = embedder.embed("retry with exponential backoff");

        assertThat(second).containsExactly(first);
    }

    @Test
    void embedAllMatchesEmbed() {
        List<String> texts = List.of("connection pool exhausted", "", "flaky test on CI");

        List<float[]> vectors = embedder.embedAll(texts);

        assertThat(vectors).hasSize(3);
        assertThat(vectors.get(0)).containsExactly(embedder.embed(texts.get(0)));
        assertThat(norm(vectors.get(1))).isZero();
        assertThat(vectors.get(2)).containsExactly(embedder.embed(texts.get(2)));
        assertThat(embedder.embedAll(List.of())).isEmpty();
    }

    @Test
    void concurrentEmbedsAgree() throws Exception {
        String text = "null pointer in the session cache";
        float[] expected = embedder.embed(text);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> embedder.embed(text)));
            }
            for (Future<float[]> future : futures) {
                assertThat(future.get()).containsExactly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void measuresQueryLatency() {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long start = System.nanoTime();
            embedder.embed("how do I fix a flaky integration test number " + i);
            micros.add((System.nanoTime() - start) / 1_000);
        }
        micros.sort(null);
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add("Memory " + i + ": close the JDBC connection in a finally block to avoid leaks");
        }
        long start = System.nanoTime();
        embedder.embedAll(batch);
        long batchMillis = (System.nanoTime() - start) / 1_000_000;

        LOG.info("Query latency over 50 embeds: median {} us, max {} us; 100 texts in embedAll: {} ms",
                micros.get(25), micros.get(49), batchMillis);
        assertThat(micros).hasSize(50);
    }

    @Test
    void closedEmbedderRejectsEmbed() {
        MiniLmEmbedder second = MiniLmEmbedder.load(ModelVariant.QUANTIZED, 1);

        second.close();
        second.close();

        assertThatThrownBy(() -> second.embed("anything"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("all-minilm-l6-v2-q");
    }

    @Test
    void loadRejectsZeroThreads() {
        assertThatThrownBy(() -> MiniLmEmbedder.load(ModelVariant.QUANTIZED, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads");
    }

    @Test
    void fullVariantLoads() {
        long start = System.nanoTime();
        try (MiniLmEmbedder full = MiniLmEmbedder.load(ModelVariant.FULL, THREADS)) {
            long loadMillis = (System.nanoTime() - start) / 1_000_000;
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                long embedStart = System.nanoTime();
                full.embed("how do I fix a flaky integration test number " + i);
                micros.add((System.nanoTime() - embedStart) / 1_000);
            }
            micros.sort(null);
            LOG.info("Loaded {} in {} ms; query latency median {} us", full.modelId(), loadMillis, micros.get(25));

            float[] vector = full.embed("SQLite database is locked");
            assertThat(full.modelId()).isEqualTo("all-minilm-l6-v2");
            assertThat(vector).hasSize(384);
            assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void unusableTmpdirGivesFailedStateWithAdvice(@TempDir Path folder) throws IOException, InterruptedException {
        // A regular file as java.io.tmpdir makes ONNX Runtime fail to extract its native library.
        Path notAFolder = Files.createFile(folder.resolve("not-a-folder"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-Djava.io.tmpdir=" + notAFolder,
                        "-cp",
                        System.getProperty("java.class.path"),
                        LoadInChildProcess.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();

        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("phase=FAILED");
        assertThat(output).contains("message=Embedding model all-minilm-l6-v2-q failed to load");
        assertThat(output).contains(notAFolder.toString());
        assertThat(output).contains("-Djava.io.tmpdir=");
    }

    @Test
    void tokenizerSkipsCloudMetadataRequests() throws ReflectiveOperationException {
        // DJL sets this field only after its opt-out checks pass, just before it sends requests to
        // 169.254.169.254.
        Field lastCheckIn = Class.forName("ai.djl.util.Ec2Utils").getDeclaredField("lastCheckIn");
        lastCheckIn.setAccessible(true);

        assertThat(lastCheckIn.getLong(null)).isZero();
        assertThat(System.getProperty("offline")).isEqualTo("true");
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    }

    @Test
    void verboseOnnxRuntimeLogsToStderr(@TempDir Path folder) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path stdout = folder.resolve("stdout.bin");
        Path stderr = folder.resolve("stderr.log");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        VerboseOnnxRuntimeChild.class.getName())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(Files.readAllBytes(stdout)).isEmpty();
        assertThat(Files.readString(stderr, StandardCharsets.UTF_8)).contains("[V:onnxruntime:");
    }

    private static double norm(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }
}

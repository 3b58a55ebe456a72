package dev.scms.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * all-MiniLM-L6-v2 sentence embeddings (384 dimensions, mean pooling, unit length) computed
 * in-process with ONNX Runtime through LangChain4j's BERT encoder.
 *
 * <p>The model and tokenizer files are read from the LangChain4j model jars on the class path.
 * Unlike LangChain4j's ready-made model classes, which keep the session in a static field,
 * this class owns its ONNX Runtime session and {@link #close()} releases it.
 *
 * <p>Thread-safe: embeds run concurrently, and {@link #close()} waits for running embeds.
 */
public final class MiniLmEmbedder implements Embedder {

    static final int DIMENSION = 384;

    /**
     * Maximum number of characters passed to the tokenizer; the rest of a longer text is dropped.
     * The tokenizer files bundled with LangChain4j 1.19.0-beta29 truncate to 128 tokens, an
     * estimated 500 to 700 characters of English prose, so for ordinary text the cut changes
     * no vector. It saves tokenizing the rest: a 50,000-character text took 29 to 40 ms uncut
     * and 20 to 24 ms cut (quantized model, 2 cores, three runs each).
     */
    static final int MAX_CHARS = 2_000;

    private final ModelVariant variant;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final BertEncoderModel model;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private MiniLmEmbedder(
            ModelVariant variant, OrtSession.SessionOptions options, OrtSession session, BertEncoderModel model) {
        this.variant = variant;
        this.options = options;
        this.session = session;
        this.model = model;
    }

    /**
     * Loads the bundled model of {@code variant} into a new ONNX Runtime session and embeds one
     * sentence to warm it up.
     *
     * @param threads ONNX Runtime intra-op threads used by one embed, at least 1
     * @throws EmbeddingException if a model file is missing or ONNX Runtime fails to load it
     */
    public static MiniLmEmbedder load(ModelVariant variant, int threads) {
        return load(variant, threads, OptimizedModelCache.none());
    }

    /**
     * Loads the model as {@link #load(ModelVariant, int)} does, through {@code cache}: from its
     * optimized copy of the model when it has a valid one, else from the bundled model, saving the
     * optimized copy for the next load.
     */
    public static MiniLmEmbedder load(ModelVariant variant, int threads, OptimizedModelCache cache) {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(cache, "cache");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        OrtSession.SessionOptions options = null;
        OrtSession session = null;
        MiniLmEmbedder embedder = null;
        try {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OptimizedModelCache.Opened opened = cache.open(environment, variant,
                    level -> sessionOptions(threads, level), () -> readResource(variant, variant.modelResource()));
            options = opened.options();
            session = opened.session();
            OnnxBertBiEncoder encoder;
            keepTokenizerOffline();
            try (InputStream tokenizer = openResource(variant, variant.tokenizerResource())) {
                encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
            }
            embedder = new MiniLmEmbedder(variant, options, session, new BertEncoderModel(encoder, DIMENSION));
            embedder.checkDimension(embedder.embed("warm-up sentence for the embedding model"));
            return embedder;
        } catch (OrtException | IOException | RuntimeException | LinkageError e) {
            if (embedder != null) {
                try {
                    embedder.close();
                } catch (RuntimeException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
            } else {
                closeQuietly(session, options);
            }
            if (e instanceof EmbeddingException embeddingException) {
                throw embeddingException;
            }
            throw new EmbeddingException(
                    "Failed to load embedding model " + variant.modelId() + ": " + e, e);
        }
    }

    /**
     * Sets DJL's offline and opt-out switches. Without them, the first DJL tokenizer of a process
     * sends up to four HTTP requests (one-second timeouts) to the cloud metadata address
     * 169.254.169.254 and, on AWS, reports its use with the instance id. DJL checks
     * {@code offline} before the environment.
     */
    static void keepTokenizerOffline() {
        System.setProperty("offline", "true");
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    private static OrtSession.SessionOptions sessionOptions(int threads, OrtSession.SessionOptions.OptLevel level)
            throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(level);
            // ONNX Runtime lets idle pool threads spin-wait by default, which burns CPU between requests.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            // Without the arena and the memory pattern, ONNX Runtime allocates each run's buffers anew
            // and frees them after, which kept the resident size of a process about 10 MB lower.
            options.setCPUArenaAllocator(false);
            options.setMemoryPatternOptimization(false);
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    private static byte[] readResource(ModelVariant variant, String name) {
        try (InputStream in = openResource(variant, name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new EmbeddingException(
                    "Failed to read " + name + " of embedding model " + variant.modelId() + ": " + e, e);
        }
    }

    private static InputStream openResource(ModelVariant variant, String name) {
        InputStream in = MiniLmEmbedder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new EmbeddingException("Model file " + name + " of embedding model " + variant.modelId()
                    + " not found on the class path; the LangChain4j jar of this model is missing");
        }
        return in;
    }

    private static void closeQuietly(OrtSession session, OrtSession.SessionOptions options) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                // The load already failed; that failure is the one the caller needs.
            }
        }
        if (options != null) {
            options.close();
        }
    }

    private void checkDimension(float[] vector) {
        if (vector.length != DIMENSION) {
            throw new EmbeddingException("Embedding model " + modelId() + " returned " + vector.length
                    + " dimensions, expected " + DIMENSION);
        }
    }

    /**
     * Embeds the text. The model reads only its first 128 tokens. Text without a letter or
     * digit gives a zero vector.
     *
     * @throws EmbeddingException if ONNX Runtime fails
     * @throws IllegalStateException if this embedder is closed
     */
    @Override
    public float[] embed(String text) {
        Objects.requireNonNull(text, "text");
        String prepared = prepare(text);
        if (!EmbeddingText.hasContent(prepared)) {
            return new float[DIMENSION];
        }
        Lock lock = openLock();
        try {
            return model.embed(prepared).content().vector();
        } catch (RuntimeException e) {
            throw failure(text.length(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Embeds each text as {@link #embed(String)} does, in order. The LangChain4j encoder has
     * no batched inference, so the texts run one after the other in the calling thread.
     */
    @Override
    public List<float[]> embedAll(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        List<float[]> vectors = new ArrayList<>(texts.size());
        List<TextSegment> segments = new ArrayList<>();
        List<Integer> segmentIndexes = new ArrayList<>();
        int totalLength = 0;
        for (String text : texts) {
            Objects.requireNonNull(text, "texts contains null");
            String prepared = prepare(text);
            vectors.add(new float[DIMENSION]);
            totalLength += text.length();
            if (EmbeddingText.hasContent(prepared)) {
                segmentIndexes.add(vectors.size() - 1);
                segments.add(TextSegment.from(prepared));
            }
        }
        if (segments.isEmpty()) {
            return vectors;
        }
        List<Embedding> embeddings = embedSegments(segments, totalLength);
        for (int i = 0; i < embeddings.size(); i++) {
            vectors.set(segmentIndexes.get(i), embeddings.get(i).vector());
        }
        return vectors;
    }

    private List<Embedding> embedSegments(List<TextSegment> segments, int totalLength) {
        Lock lock = openLock();
        try {
            return model.embedAll(segments).content();
        } catch (RuntimeException e) {
            throw failure(totalLength, e);
        } finally {
            lock.unlock();
        }
    }

    private static String prepare(String text) {
        return EmbeddingText.replaceLoneSurrogates(EmbeddingText.truncate(text, MAX_CHARS));
    }

    private Lock openLock() {
        Lock lock = lifecycle.readLock();
        lock.lock();
        if (closed) {
            lock.unlock();
            throw new IllegalStateException("Embedding model " + modelId() + " is closed");
        }
        return lock;
    }

    private EmbeddingException failure(int textLength, RuntimeException cause) {
        return new EmbeddingException("Embedding model " + modelId() + " failed to embed a text of "
                + textLength + " characters", cause);
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public String modelId() {
        return variant.modelId();
    }

    /**
     * Closes the ONNX Runtime session and its options after running embeds finish. Calling it
     * again does nothing.
     */
    // NOTE: the encoder's tokenizer holds native memory that LangChain4j gives no way to
    // release; it is freed only when the garbage collector reclaims the encoder.
    @Override
    public void close() {
        Lock lock = lifecycle.writeLock();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                session.close();
            } finally {
                options.close();
            }
        } catch (OrtException e) {
            throw new EmbeddingException("Failed to close embedding model " + modelId(), e);
        } finally {
            lock.unlock();
        }
    }
}

package dev.scms.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;

/**
 * Creates ONNX Runtime's environment at its most verbose logging level, then loads the
 * quantized model and embeds one text, writing nothing itself. A test runs this in a child JVM
 * to see on which file descriptor ONNX Runtime's native logger writes.
 */
public final class VerboseOnnxRuntimeChild {

    private VerboseOnnxRuntimeChild() {
    }

    public static void main(String[] args) {
        // The environment is a process-wide singleton, so the model's session logs at this level.
        OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_VERBOSE, "verbose-child");
        try (MiniLmEmbedder embedder = MiniLmEmbedder.load(ModelVariant.QUANTIZED, 1)) {
            embedder.embed("SQLite database is locked");
        }
    }
}

package dev.scms.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class LoadFailureAdviceTest {

    @Test
    void messageNamesModelCauseAndRootCause() {
        RuntimeException failure = new RuntimeException("Failed to load onnx-runtime library",
                new IOException("/tmp/onnxruntime-java1: Permission denied"));

        String message = LoadFailureAdvice.describe("all-minilm-l6-v2-q", failure);

        assertThat(message).startsWith("Embedding model all-minilm-l6-v2-q failed to load: "
                + "RuntimeException: Failed to load onnx-runtime library, "
                + "caused by IOException: /tmp/onnxruntime-java1: Permission denied.");
        assertThat(message).contains("lexical search only");
        assertThat(message).endsWith(LoadFailureAdvice.NATIVE_LIBRARY_ADVICE);
    }

    @Test
    void rootCauseAlreadyInMessageIsNotRepeated() {
        IOException root = new IOException("disk full");
        EmbeddingException failure = new EmbeddingException("Failed to read model: " + root, root);

        String message = LoadFailureAdvice.describe("m", failure);

        assertThat(message).containsOnlyOnce("disk full");
    }

    @Test
    void adviceMatchesCause() {
        assertThat(LoadFailureAdvice.advice(new OutOfMemoryError("Java heap space")))
                .isEqualTo(LoadFailureAdvice.MEMORY_ADVICE);
        assertThat(LoadFailureAdvice.advice(new NoClassDefFoundError("Could not initialize class ai.onnxruntime.OrtEnvironment")))
                .isEqualTo(LoadFailureAdvice.NATIVE_LIBRARY_ADVICE);
        assertThat(LoadFailureAdvice.advice(new EmbeddingException("Model file x.onnx not found on the class path")))
                .isEqualTo(LoadFailureAdvice.DEFAULT_ADVICE);
        assertThat(LoadFailureAdvice.advice(new IllegalStateException((String) null)))
                .isEqualTo(LoadFailureAdvice.DEFAULT_ADVICE);
    }
}

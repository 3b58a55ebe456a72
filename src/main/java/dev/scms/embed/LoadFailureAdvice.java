package dev.scms.embed;

import java.io.IOException;
import java.util.Locale;

/** Builds the message a user reads when the embedding model failed to load. */
final class LoadFailureAdvice {

    static final String NATIVE_LIBRARY_ADVICE = "The scms command places the native libraries of ONNX Runtime and"
            + " the tokenizer in the folder set by native_dir (SCMS_NATIVE_DIR, default <home>/native), which must be"
            + " writable and allow executing files: set native_dir to another folder, not one mounted noexec."
            + " Where native_dir is not applied, ONNX Runtime extracts to the temporary folder: start Java with"
            + " -Djava.io.tmpdir=<writable folder>.";

    static final String MEMORY_ADVICE = "Give Java more heap, for example -Xmx1g, or use the quantized model.";

    static final String DEFAULT_ADVICE = "Check that the SCMS jar is complete, because the model files are"
            + " bundled inside it; the log has the stack trace.";

    private LoadFailureAdvice() {
    }

    /**
     * Returns a message naming the model, the cause and what to do. Retrieval keeps working
     * from the lexical channel, and the message states that.
     */
    static String describe(String modelId, Throwable failure) {
        // MiniLmEmbedder wraps load failures only to add the model id, which this message names already.
        Throwable reported = failure instanceof EmbeddingException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        return "Embedding model " + modelId + " failed to load: " + causeText(reported)
                + ". Retrieval uses lexical search only. " + advice(failure);
    }

    /** Returns the failure's message, followed by the root cause when its message adds information. */
    private static String causeText(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = messageOf(failure);
        String rootText = messageOf(root);
        if (root == failure || text.contains(rootText)) {
            return text;
        }
        return text + ", caused by " + rootText;
    }

    private static String messageOf(Throwable throwable) {
        String message = throwable.getMessage();
        String type = throwable.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }

    static String advice(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError) {
                return MEMORY_ADVICE;
            }
            if (cause instanceof LinkageError || cause instanceof IOException || mentionsNativeLibrary(cause)) {
                return NATIVE_LIBRARY_ADVICE;
            }
        }
        return DEFAULT_ADVICE;
    }

    private static boolean mentionsNativeLibrary(Throwable cause) {
        String message = cause.getMessage();
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("native") || lower.contains("onnx-runtime library") || lower.contains("extract");
    }
}

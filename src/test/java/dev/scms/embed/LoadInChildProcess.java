package dev.scms.embed;

import java.time.Duration;

/**
 * Loads the quantized model with {@link ModelLoader} in a child JVM and prints the final state
 * to stdout as {@code phase=} and {@code message=} lines. A test starts this JVM with settings
 * that break native library extraction.
 */
public final class LoadInChildProcess {

    private LoadInChildProcess() {
    }

    public static void main(String[] args) {
        try (ModelLoader loader = ModelLoader.forVariant(ModelVariant.QUANTIZED, 1)) {
            loader.start();
            loader.await(Duration.ofSeconds(60));
            ModelState state = loader.state();
            System.out.println("phase=" + state.phase());
            System.out.println("message=" + state.message());
        }
    }
}

package dev.scms.embed;

import java.util.Locale;
import java.util.Optional;

/** The bundled all-MiniLM-L6-v2 models: the quantized one is the default. */
public enum ModelVariant {
    QUANTIZED("all-minilm-l6-v2-q", "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json"),
    FULL("all-minilm-l6-v2", "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json");

    private final String modelId;
    private final String modelResource;
    private final String tokenizerResource;

    ModelVariant(String modelId, String modelResource, String tokenizerResource) {
        this.modelId = modelId;
        this.modelResource = modelResource;
        this.tokenizerResource = tokenizerResource;
    }

    public String modelId() {
        return modelId;
    }

    public String modelResource() {
        return modelResource;
    }

    public String tokenizerResource() {
        return tokenizerResource;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ModelVariant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String normalised = text.strip().toUpperCase(Locale.ROOT);
        for (ModelVariant variant : values()) {
            if (variant.name().equals(normalised)) {
                return Optional.of(variant);
            }
        }
        return Optional.empty();
    }
}

package dev.scms.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A router configuration to evaluate: one of the weight presets (semantic, temporal, usage,
 * full), with the lexical channel at the given weight or switched off ({@code lexicalWeight} 0).
 * A name with {@code +lex} keeps BM25 in the relevance fusion.
 */
public record Preset(String name, String weights, double lexicalWeight) {

    private static final List<String> WEIGHTS = List.of("semantic", "temporal", "usage", "full");

    /** Returns the four weight presets, each without and with the lexical channel. */
    public static List<Preset> all(double lexicalWeight) {
        List<Preset> presets = new ArrayList<>();
        for (String weights : WEIGHTS) {
            presets.add(new Preset(weights, weights, 0.0));
            presets.add(new Preset(weights + "+lex", weights, lexicalWeight));
        }
        return presets;
    }

    /** Finds a preset by name, such as {@code full+lex}. */
    public static Optional<Preset> named(String name, double lexicalWeight) {
        return all(lexicalWeight).stream().filter(preset -> preset.name().equals(name)).findFirst();
    }
}

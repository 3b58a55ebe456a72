package dev.scms.router;

import java.util.Locale;
import java.util.Optional;

/**
 * Weights of the three score terms: {@code alpha} relevance, {@code beta} temporal decay,
 * {@code gamma} usage. Each lies in [0, 1].
 */
public record Weights(double alpha, double beta, double gamma) {

    public static final Weights SEMANTIC = new Weights(1.0, 0.0, 0.0);
    public static final Weights TEMPORAL = new Weights(0.8, 0.2, 0.0);
    public static final Weights USAGE = new Weights(0.8, 0.0, 0.2);
    public static final Weights FULL = new Weights(0.7, 0.2, 0.1);

    /**
     * The default: relevance decides, recency and usage break near ties. On the development set
     * with feedback, {@link #FULL} ranked one query lower than {@link #SEMANTIC}, while these
     * weights ranked every query as semantic did.
     */
    public static final Weights RELEVANCE_FIRST = new Weights(0.85, 0.10, 0.05);

    public Weights {
        check("alpha", alpha);
        check("beta", beta);
        check("gamma", gamma);
    }

    /**
     * Returns the weights of a named preset: one of the ablation presets semantic, temporal,
     * usage and full, or relevance-first.
     */
    public static Optional<Weights> preset(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "semantic" -> Optional.of(SEMANTIC);
            case "temporal", "+temporal" -> Optional.of(TEMPORAL);
            case "usage", "+usage" -> Optional.of(USAGE);
            case "full" -> Optional.of(FULL);
            case "relevance-first" -> Optional.of(RELEVANCE_FIRST);
            default -> Optional.empty();
        };
    }

    private static void check(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must lie in [0, 1], got " + value);
        }
    }
}

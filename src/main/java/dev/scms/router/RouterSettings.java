package dev.scms.router;

import java.util.Objects;

/**
 * Parameters of the router. {@code lexicalWeight} is {@code w_lex} of the relevance fusion,
 * {@code halfLifeDays} sets the temporal decay, {@code minRelevance} is the relevance gate and
 * {@code loadBalancing} is {@code lambda_lb} (0 switches load balancing off).
 */
public record RouterSettings(Weights weights, double lexicalWeight, double halfLifeDays, double minRelevance,
        double loadBalancing) {

    public RouterSettings {
        Objects.requireNonNull(weights, "weights");
        if (!(lexicalWeight >= 0.0 && lexicalWeight <= 1.0)) {
            throw new IllegalArgumentException("lexical weight must lie in [0, 1], got " + lexicalWeight);
        }
        if (!(halfLifeDays > 0.0) || Double.isInfinite(halfLifeDays)) {
            throw new IllegalArgumentException("half-life must be a positive number of days, got " + halfLifeDays);
        }
        if (!(minRelevance >= 0.0 && minRelevance <= 1.0)) {
            throw new IllegalArgumentException("minimum relevance must lie in [0, 1], got " + minRelevance);
        }
        if (!(loadBalancing >= 0.0 && loadBalancing <= 1.0)) {
            throw new IllegalArgumentException("load balancing weight must lie in [0, 1], got " + loadBalancing);
        }
    }
}

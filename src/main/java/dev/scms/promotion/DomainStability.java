package dev.scms.promotion;

import java.util.Locale;
import java.util.Optional;

/**
 * Rate of change of a domain's practice, with its factor {@code sigma} in the adaptive policy.
 * A lesson in a high-churn domain goes stale fast, so it is promoted on less evidence.
 */
public enum DomainStability {
    HIGH_CHURN(0.5, "high-churn"),
    MODERATE(1.0, "moderate"),
    STABLE(1.5, "stable");

    private final double sigma;
    private final String label;

    DomainStability(double sigma, String label) {
        this.sigma = sigma;
        this.label = label;
    }

    public double sigma() {
        return sigma;
    }

    /** Returns the name used in settings and explanations: {@code high-churn}, {@code moderate} or {@code stable}. */
    public String label() {
        return label;
    }

    /**
     * Parses a stability name, ignoring case and surrounding blanks. Accepts {@code high-churn},
     * {@code high_churn}, {@code high churn}, {@code highchurn} and {@code churn} for
     * {@link #HIGH_CHURN}, and {@code moderate} and {@code stable}. Anything else, or null, gives
     * an empty result.
     */
    public static Optional<DomainStability> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        return switch (key) {
            case "high-churn", "highchurn", "churn" -> Optional.of(HIGH_CHURN);
            case "moderate" -> Optional.of(MODERATE);
            case "stable" -> Optional.of(STABLE);
            default -> Optional.empty();
        };
    }
}

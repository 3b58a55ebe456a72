package dev.scms.router;

import java.time.Duration;
import java.time.Instant;

/** The score terms of {@link Router}, one function each. {@link Router} documents the formula and its reasons. */
final class Terms {

    private static final double SECONDS_PER_DAY = 86_400.0;

    private Terms() {
    }

    static double clampedCosine(double cosine) {
        return clamp01(cosine);
    }

    static double normalisedBm25(double bm25, double maxBm25) {
        if (maxBm25 <= 0.0) {
            return 0.0;
        }
        return clamp01(bm25 / maxBm25);
    }

    static double relevance(double cos, double bm25Norm, double lexicalWeight) {
        return (1.0 - lexicalWeight) * cos + lexicalWeight * bm25Norm;
    }

    /** Returns {@code exp(-lambda * days)} with {@code lambda} per day. A future time counts as 0 days. */
    static double temporal(Instant lastTouched, Instant now, double lambdaPerDay) {
        return Math.exp(-lambdaPerDay * ageInDays(lastTouched, now));
    }

    static double ageInDays(Instant lastTouched, Instant now) {
        if (!lastTouched.isBefore(now)) {
            return 0.0;
        }
        Duration age = Duration.between(lastTouched, now);
        return (age.getSeconds() + age.getNano() / 1e9) / SECONDS_PER_DAY;
    }

    /** Returns {@code ln(1 + n) / ln(1 + nMax)} in [0, 1], and 0 when {@code nMax} is 0. */
    static double usage(int helpfulUses, int maxHelpfulUses) {
        if (maxHelpfulUses == 0) {
            return 0.0;
        }
        return clamp01(Math.log1p(helpfulUses) / Math.log1p(maxHelpfulUses));
    }

    /** Returns {@code lambdaLb * importance * (1 - n / nMax)}, taking the ratio as 0 when {@code nMax} is 0. */
    static double loadBalancing(double lambdaLb, double importance, int helpfulUses, int maxHelpfulUses) {
        if (lambdaLb == 0.0) {
            return 0.0;
        }
        double usedShare = maxHelpfulUses == 0 ? 0.0 : clamp01((double) helpfulUses / maxHelpfulUses);
        return lambdaLb * importance * (1.0 - usedShare);
    }

    static double clamp01(double value) {
        return Math.max(0.0, Math.min(1.0, value));
    }
}

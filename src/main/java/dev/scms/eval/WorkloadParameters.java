package dev.scms.eval;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * Parameters of a generated workload. Sessions fall on random days of {@code days} days from
 * {@code start}; {@code memories} lessons are spread over them at random. {@code domains} is
 * how many of the vocabulary's domains are used. {@code patternShare} of the memories are good
 * practices. Each other lesson recurs with probability {@code recurringShare}, 1 to
 * {@code maxRecurrences} times, and a recurring lesson is later superseded by a newer one with
 * probability {@code staleShare}. Messages name the {@code scms eval generate} option.
 */
public record WorkloadParameters(long seed, int sessions, int memories, int days, LocalDate start, int domains,
        double patternShare, double recurringShare, double staleShare, int maxRecurrences) {

    public static final int MAX_SESSIONS = 10_000;
    public static final int MAX_DAYS = 3_650;

    public WorkloadParameters {
        Objects.requireNonNull(start, "start");
        checkRange("--sessions", sessions, 1, MAX_SESSIONS);
        checkRange("--days", days, 14, MAX_DAYS);
        // The upper bounds of --domains and --memories depend on the vocabulary, so the generator checks them.
        checkRange("--domains", domains, 1, Integer.MAX_VALUE);
        checkRange("--memories", memories, 10, Integer.MAX_VALUE);
        checkRange("--max-recurrences", maxRecurrences, 1, 20);
        checkShare("--pattern-share", patternShare, 0.9);
        checkShare("--recurring-share", recurringShare, 1.0);
        checkShare("--stale-share", staleShare, 1.0);
    }

    /**
     * Returns the defaults: seed 42, 80 sessions, 300 memories over 180 days from 2024-01-01, 8
     * domains, 15% patterns, 30% of lessons recurring up to 4 times, and a quarter of those going stale.
     */
    public static WorkloadParameters defaults() {
        return new WorkloadParameters(42, 80, 300, 180, LocalDate.of(2024, 1, 1), 8, 0.15, 0.3, 0.25, 4);
    }

    static void checkRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            String bounds = max == Integer.MAX_VALUE ? " must be at least " + min : " must lie between " + min
                    + " and " + max;
            throw new IllegalArgumentException(option + bounds + ", got " + value);
        }
    }

    private static void checkShare(String option, double value, double max) {
        if (!(value >= 0.0 && value <= max)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must lie between 0 and %s, got %s",
                    option, max, value));
        }
    }
}

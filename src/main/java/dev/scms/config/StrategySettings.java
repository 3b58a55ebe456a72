package dev.scms.config;

/**
 * Settings of the router strategies that go beyond the score formula. Each one has a value that
 * switches it off.
 *
 * @param dropout probability in [0, 1] that a retrieval leaves out its most-used pick for the next
 *        candidate; 0 is off
 * @param dropoutSeed seed of the dropout random source, so that a run can be repeated
 * @param hierarchicalMinMemories number of memories in scope from which a retrieval scores only the
 *        domains nearest the query; 0 is off
 * @param hierarchicalDomains number of nearest domains that hierarchical routing keeps, at least 1
 * @param entropyWindow number of recent retrievals that the selection entropy and the other
 *        memory_stats figures are taken over, at least {@link #MIN_ENTROPY_WINDOW}
 * @param entropyAlert selection entropy in [0, 1] below which the diversity alert is raised; 0 is off
 */
public record StrategySettings(double dropout, long dropoutSeed, int hierarchicalMinMemories,
        int hierarchicalDomains, int entropyWindow, double entropyAlert) {

    /**
     * Retrievals the selection entropy needs before the diversity alert can be raised, because the
     * entropy of a handful of retrievals is too noisy to judge the router by. The entropy window is
     * never smaller, so the alert can always become active.
     */
    public static final int MIN_ENTROPY_WINDOW = 20;

    public StrategySettings {
        if (!(dropout >= 0.0 && dropout <= 1.0)) {
            throw new IllegalArgumentException("dropout must lie in [0, 1], got " + dropout);
        }
        if (hierarchicalMinMemories < 0) {
            throw new IllegalArgumentException(
                    "hierarchical minimum memories must not be negative, got " + hierarchicalMinMemories);
        }
        if (hierarchicalDomains < 1) {
            throw new IllegalArgumentException("hierarchical domains must be at least 1, got " + hierarchicalDomains);
        }
        if (entropyWindow < MIN_ENTROPY_WINDOW) {
            throw new IllegalArgumentException(
                    "entropy window must be at least " + MIN_ENTROPY_WINDOW + ", got " + entropyWindow);
        }
        if (!(entropyAlert >= 0.0 && entropyAlert <= 1.0)) {
            throw new IllegalArgumentException("entropy alert must lie in [0, 1], got " + entropyAlert);
        }
    }

    public boolean hierarchical() {
        return hierarchicalMinMemories > 0;
    }
}

package dev.scms.store;

/**
 * Sums over the stored rows of ended sessions, in one project or everywhere.
 *
 * @param sessions the number of ended sessions
 */
public record SessionTotals(int sessions, int retrievals, int memoriesReturned, int uses, int helpfulUses,
        int failuresLogged, int failuresRediscovered) {

    /** Totals of no session at all. */
    public static final SessionTotals NONE = new SessionTotals(0, 0, 0, 0, 0, 0, 0);
}

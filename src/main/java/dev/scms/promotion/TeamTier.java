package dev.scms.promotion;

/**
 * Team size bands of the adaptive policy: how many distinct users must confirm a pattern and
 * the factor on the required uses. A larger team needs broader consensus before a lesson binds
 * everyone.
 */
enum TeamTier {
    SOLO(1, 1.0),
    SMALL(2, 1.0),
    LARGE(3, 1.5);

    private final int requiredUsers;
    private final double factor;

    TeamTier(int requiredUsers, double factor) {
        this.requiredUsers = requiredUsers;
        this.factor = factor;
    }

    /** Returns the band of a team: 0 or 1 person is solo, 2 to 5 small, 6 or more large. */
    static TeamTier of(int teamSize) {
        if (teamSize <= 1) {
            return SOLO;
        }
        return teamSize <= 5 ? SMALL : LARGE;
    }

    int requiredUsers() {
        return requiredUsers;
    }

    double factor() {
        return factor;
    }
}

package dev.scms.promotion;

/**
 * A promotion policy with a fixed requirement, whatever the project, team or domain. The
 * default of 2 helpful uses by at least 1 user suits a solo developer who has applied a lesson
 * twice.
 */
public final class StaticPolicy implements PromotionPolicy {

    public static final int DEFAULT_USES = 2;
    public static final int DEFAULT_USERS = 1;

    private final Requirement requirement;

    /**
     * Creates a policy that requires {@code uses} helpful uses by at least {@code users} distinct users.
     *
     * @throws IllegalArgumentException if either count is below 1, or {@code users} exceeds
     *         {@code uses} (each distinct user contributes at least one use, so it could never be met)
     */
    public StaticPolicy(int uses, int users) {
        if (uses < 1) {
            throw new IllegalArgumentException("static policy uses must be at least 1, got " + uses);
        }
        if (users < 1) {
            throw new IllegalArgumentException("static policy users must be at least 1, got " + users);
        }
        if (users > uses) {
            throw new IllegalArgumentException("static policy users (" + users + ") must not exceed uses (" + uses
                    + "), because each distinct user records at least one use");
        }
        String explanation = "static: " + Plural.of(uses, "helpful use") + " by at least " + Plural.of(users, "user");
        this.requirement = new Requirement(uses, users, explanation);
    }

    /** Returns the policy with the default requirement: 2 helpful uses by at least 1 user. */
    public static StaticPolicy defaults() {
        return new StaticPolicy(DEFAULT_USES, DEFAULT_USERS);
    }

    @Override
    public String name() {
        return "static";
    }

    @Override
    public Requirement requirement(PromotionEvidence evidence) {
        if (evidence == null) {
            throw new IllegalArgumentException("evidence must not be null");
        }
        return requirement;
    }
}

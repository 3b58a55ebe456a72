package dev.scms.promotion;

/** A policy's verdict with the numbers still missing (0 when eligible). */
public record Eligibility(boolean eligible, Requirement requirement, int missingUses, int missingUsers) {

    public static Eligibility of(Requirement requirement, PromotionEvidence evidence) {
        int missingUses = Math.max(0, requirement.uses() - evidence.helpfulUses());
        int missingUsers = Math.max(0, requirement.users() - evidence.distinctUsers());
        return new Eligibility(missingUses == 0 && missingUsers == 0, requirement, missingUses, missingUsers);
    }

    /**
     * Returns what is still missing, leaving out a count that is 0, e.g. "1 more helpful use" or
     * "2 more helpful uses and 1 more user"; "nothing" when eligible.
     */
    public String missing() {
        String uses = Plural.of(missingUses, "more helpful use", "more helpful uses");
        String users = Plural.of(missingUsers, "more user", "more users");
        if (missingUses > 0 && missingUsers > 0) {
            return uses + " and " + users;
        }
        if (missingUses > 0) {
            return uses;
        }
        return missingUsers > 0 ? users : "nothing";
    }
}

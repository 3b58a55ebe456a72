package dev.scms.promotion;

/** A policy's verdict with the numbers still missing (0 when eligible). */
public record Eligibility(boolean eligible, Requirement requirement, int missingUses, int missingUsers) {

    public static Eligibility of(Requirement requirement, PromotionEvidence evidence) {
        int missingUses = Math.max(0, requirement.uses() - evidence.helpfulUses());
        int missingUsers = Math.max(0, requirement.users() - evidence.distinctUsers());
        return new Eligibility(missingUses == 0 && missingUsers == 0, requirement, missingUses, missingUsers);
    }
}

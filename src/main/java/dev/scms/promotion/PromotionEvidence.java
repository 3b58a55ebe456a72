package dev.scms.promotion;

/**
 * Facts a policy decides on: helpful uses of the pattern in the project, distinct users among
 * them, the team size of the project (distinct users, or configured), the project's age in
 * days and the pattern's domain.
 */
public record PromotionEvidence(int helpfulUses, int distinctUsers, int teamSize, long projectAgeDays,
        String domain) {

    public PromotionEvidence {
        if (helpfulUses < 0 || distinctUsers < 0 || teamSize < 0 || projectAgeDays < 0) {
            throw new IllegalArgumentException("evidence counts must not be negative");
        }
        domain = domain == null ? "" : domain;
    }
}

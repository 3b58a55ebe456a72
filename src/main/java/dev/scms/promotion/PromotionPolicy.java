package dev.scms.promotion;

/** Decides when a pattern has been validated enough to become a rule of a project. */
public interface PromotionPolicy {

    /** Returns the policy's name as stored with each promotion: {@code static} or {@code adaptive}. */
    String name();

    Requirement requirement(PromotionEvidence evidence);

    default Eligibility check(PromotionEvidence evidence) {
        return Eligibility.of(requirement(evidence), evidence);
    }
}

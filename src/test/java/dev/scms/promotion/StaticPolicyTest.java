package dev.scms.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StaticPolicyTest {

    private static PromotionEvidence evidence(int helpfulUses, int distinctUsers) {
        return new PromotionEvidence(helpfulUses, distinctUsers, 4, 45, "node");
    }

    @Test
    void defaultsRequireTwoUsesByOneUser() {
        StaticPolicy policy = StaticPolicy.defaults();

        Requirement requirement = policy.requirement(evidence(0, 0));

        assertThat(policy.name()).isEqualTo("static");
        assertThat(requirement.uses()).isEqualTo(2);
        assertThat(requirement.users()).isEqualTo(1);
        assertThat(requirement.explanation()).isEqualTo("static: 2 helpful uses by at least 1 user");
    }

    @Test
    void eligibleAtTwoUsesByOneUser() {
        Eligibility eligibility = StaticPolicy.defaults().check(evidence(2, 1));

        assertThat(eligibility.eligible()).isTrue();
        assertThat(eligibility.missingUses()).isZero();
        assertThat(eligibility.missingUsers()).isZero();
    }

    @Test
    void notEligibleAtOneUse() {
        Eligibility eligibility = StaticPolicy.defaults().check(evidence(1, 1));

        assertThat(eligibility.eligible()).isFalse();
        assertThat(eligibility.missingUses()).isEqualTo(1);
        assertThat(eligibility.missingUsers()).isZero();
    }

    @Test
    void noEvidenceReportsAllMissingCounts() {
        Eligibility eligibility = StaticPolicy.defaults().check(evidence(0, 0));

        assertThat(eligibility.eligible()).isFalse();
        assertThat(eligibility.missingUses()).isEqualTo(2);
        assertThat(eligibility.missingUsers()).isEqualTo(1);
    }

    @Test
    void customCountsReportMissingUsers() {
        StaticPolicy policy = new StaticPolicy(3, 2);

        Eligibility eligibility = policy.check(evidence(4, 1));

        assertThat(eligibility.eligible()).isFalse();
        assertThat(eligibility.missingUses()).isZero();
        assertThat(eligibility.missingUsers()).isEqualTo(1);
        assertThat(eligibility.requirement().explanation()).isEqualTo("static: 3 helpful uses by at least 2 users");
    }

    @Test
    void requirementIgnoresProjectTeamAndDomain() {
        StaticPolicy policy = StaticPolicy.defaults();

        Requirement young = policy.requirement(new PromotionEvidence(0, 0, 1, 0, ""));
        Requirement old = policy.requirement(new PromotionEvidence(0, 0, 12, 400, "sql"));

        assertThat(old).isEqualTo(young);
    }

    @Test
    void invalidCountsAreRejected() {
        assertThatThrownBy(() -> new StaticPolicy(0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uses must be at least 1, got 0");
        assertThatThrownBy(() -> new StaticPolicy(2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("users must be at least 1, got 0");
        assertThatThrownBy(() -> new StaticPolicy(1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("users (2) must not exceed uses (1)");
        assertThatThrownBy(() -> StaticPolicy.defaults().requirement(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("evidence");
    }
}

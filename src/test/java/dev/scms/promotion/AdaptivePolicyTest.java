package dev.scms.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdaptivePolicyTest {

    private static final AdaptivePolicy POLICY = new AdaptivePolicy(Map.of(
            "node", DomainStability.HIGH_CHURN,
            "sql", DomainStability.STABLE,
            "java", DomainStability.MODERATE));

    private static Requirement requirement(long ageDays, int teamSize, String domain) {
        return POLICY.requirement(new PromotionEvidence(0, 0, teamSize, ageDays, domain));
    }

    @Test
    void workedCaseNeedsTwoUsesByTwoUsers() {
        // 3-person team, project 45 days old, high-churn domain: max(2, floor(3 x 1.0 x 0.5)) = max(2, 1) = 2.
        Requirement requirement = requirement(45, 3, "node");

        assertThat(POLICY.name()).isEqualTo("adaptive");
        assertThat(requirement.uses()).isEqualTo(2);
        assertThat(requirement.users()).isEqualTo(2);
        assertThat(requirement.explanation()).isEqualTo("adaptive: project 45 days old (phase 3), team of 3"
                + " (factor 1.0, 2 users), domain 'node' high-churn (sigma 0.5):"
                + " max(2, floor(3 x 1.0 x 0.5)) = 2 uses by at least 2 users");
    }

    @ParameterizedTest
    @CsvSource({"0, 5, 7", "29, 5, 7", "30, 3, 4", "89, 3, 4", "90, 2, 3", "1000, 2, 3"})
    void phaseChangesAtThirtyAndNinetyDays(long ageDays, int phase, int uses) {
        // Solo, stable (sigma 1.5): phase 5 -> floor(7.5) = 7, phase 3 -> floor(4.5) = 4, phase 2 -> 3.
        Requirement requirement = requirement(ageDays, 1, "sql");

        assertThat(AdaptivePolicy.phase(ageDays)).isEqualTo(phase);
        assertThat(requirement.uses()).isEqualTo(uses);
        assertThat(requirement.explanation()).contains("(phase " + phase + ")");
    }

    @ParameterizedTest
    @CsvSource({"0, 1, 1.0, 5", "1, 1, 1.0, 5", "2, 2, 1.0, 5", "5, 2, 1.0, 5", "6, 3, 1.5, 7", "10, 3, 1.5, 7"})
    void teamSizeSetsUsersAndFactor(int teamSize, int users, String factor, int uses) {
        // Phase 5 (10 days), moderate (sigma 1.0): factor 1.0 -> 5, factor 1.5 -> floor(7.5) = 7.
        Requirement requirement = requirement(10, teamSize, "java");

        assertThat(requirement.users()).isEqualTo(users);
        assertThat(requirement.uses()).isEqualTo(uses);
        assertThat(requirement.explanation()).contains("(factor " + factor + ", " + users + " user");
    }

    @Test
    void soloCountsZeroTeamAsOne() {
        Requirement requirement = requirement(10, 0, "java");

        assertThat(requirement.users()).isEqualTo(1);
        assertThat(requirement.explanation()).contains("team of 0, taken as 1 (factor 1.0, 1 user)");
        assertThat(requirement.explanation()).endsWith("5 uses by at least 1 user");
    }

    @ParameterizedTest
    @CsvSource({"node, high-churn, 0.5, 2", "java, moderate, 1.0, 5", "sql, stable, 1.5, 7"})
    void sigmaScalesRequiredUses(String domain, String label, String sigma, int uses) {
        // Solo, phase 5: 5 x 0.5 = 2.5 -> 2, 5 x 1.0 = 5, 5 x 1.5 = 7.5 -> 7.
        Requirement requirement = requirement(10, 1, domain);

        assertThat(requirement.uses()).isEqualTo(uses);
        assertThat(requirement.explanation()).contains("domain '" + domain + "' " + label + " (sigma " + sigma + ")");
    }

    @Test
    void productIsFloored() {
        // Phase 5 x factor 1.5 x sigma 1.5 = 11.25 -> 11.
        Requirement requirement = requirement(0, 6, "sql");

        assertThat(requirement.uses()).isEqualTo(11);
        assertThat(requirement.users()).isEqualTo(3);
        assertThat(requirement.explanation()).endsWith("max(2, floor(5 x 1.5 x 1.5)) = 11 uses by at least 3 users");
    }

    @Test
    void requiredUsesNeverFallBelowTwo() {
        // Phase 2 x factor 1.0 x sigma 0.5 = 1.0 -> floor 1, raised to the minimum of 2.
        Requirement requirement = requirement(200, 1, "node");

        assertThat(requirement.uses()).isEqualTo(2);
        assertThat(requirement.explanation()).endsWith("max(2, floor(2 x 1.0 x 0.5)) = 2 uses by at least 1 user");
    }

    @Test
    void largeTeamRaisesUsesToRequiredUsers() {
        // Team of 8, phase 2, high-churn: max(2, floor(2 x 1.5 x 0.5)) = max(2, 1) = 2, but 3 users must
        // each record a use, so 2 uses could never be met.
        Requirement requirement = requirement(120, 8, "node");

        assertThat(requirement.uses()).isEqualTo(3);
        assertThat(requirement.users()).isEqualTo(3);
        assertThat(requirement.explanation()).endsWith("max(2, floor(2 x 1.5 x 0.5)) = 2, raised to 3 uses"
                + " by at least 3 users because each user records at least one use");
    }

    @ParameterizedTest(name = "{0} days, team of {1}, {2}: {3} uses by {4} users")
    @CsvSource({
        // age, team, stability, uses, users
        "45, 3, HIGH_CHURN, 2, 2",
        "0, 1, MODERATE, 5, 1",
        "29, 1, MODERATE, 5, 1",
        "30, 1, MODERATE, 3, 1",
        "89, 1, MODERATE, 3, 1",
        "90, 1, MODERATE, 2, 1",
        "10, 4, STABLE, 7, 2",
        "10, 6, STABLE, 11, 3",
        "10, 6, MODERATE, 7, 3",
        "10, 6, HIGH_CHURN, 3, 3",
        "45, 6, MODERATE, 4, 3",
        "45, 6, HIGH_CHURN, 3, 3",
        "120, 10, HIGH_CHURN, 3, 3",
        "120, 10, STABLE, 4, 3",
        "120, 2, HIGH_CHURN, 2, 2",
        "60, 0, STABLE, 4, 1"
    })
    void requirementTable(long ageDays, int teamSize, DomainStability stability, int uses, int users) {
        AdaptivePolicy policy = new AdaptivePolicy(Map.of("web", stability));

        Requirement requirement = policy.requirement(new PromotionEvidence(0, 0, teamSize, ageDays, "web"));

        assertThat(requirement.uses()).isEqualTo(uses);
        assertThat(requirement.users()).isEqualTo(users);
    }

    @Test
    void eligibilityReportsMissingCounts() {
        // Worked case: 2 uses by at least 2 users.
        Eligibility none = POLICY.check(new PromotionEvidence(0, 0, 3, 45, "node"));
        Eligibility oneUser = POLICY.check(new PromotionEvidence(3, 1, 3, 45, "node"));
        Eligibility met = POLICY.check(new PromotionEvidence(2, 2, 3, 45, "node"));

        assertThat(none.eligible()).isFalse();
        assertThat(none.missingUses()).isEqualTo(2);
        assertThat(none.missingUsers()).isEqualTo(2);
        assertThat(oneUser.eligible()).isFalse();
        assertThat(oneUser.missingUses()).isZero();
        assertThat(oneUser.missingUsers()).isEqualTo(1);
        assertThat(met.eligible()).isTrue();
        assertThat(met.missingUses()).isZero();
        assertThat(met.missingUsers()).isZero();
    }

    @Test
    void domainLookupIgnoresCase() {
        AdaptivePolicy policy = new AdaptivePolicy(Map.of(" Node ", DomainStability.HIGH_CHURN));

        Requirement requirement = policy.requirement(new PromotionEvidence(0, 0, 1, 10, "NODE"));

        assertThat(policy.stabilityOf("node")).contains(DomainStability.HIGH_CHURN);
        assertThat(policy.stabilityOf(" nOdE")).contains(DomainStability.HIGH_CHURN);
        assertThat(requirement.explanation()).contains("domain 'NODE' high-churn (sigma 0.5)");
        assertThat(requirement.uses()).isEqualTo(2);
    }

    @Test
    void unknownDomainUsesDefaultStability() {
        Requirement unknown = requirement(10, 1, "rust");
        Requirement missing = requirement(10, 1, "");
        AdaptivePolicy stableByDefault = new AdaptivePolicy(Map.of(), DomainStability.STABLE);

        assertThat(unknown.uses()).isEqualTo(5);
        assertThat(unknown.explanation()).contains("domain 'rust' moderate by default (sigma 1.0)");
        assertThat(missing.explanation()).contains("no domain, moderate by default (sigma 1.0)");
        assertThat(AdaptivePolicy.defaults().stabilityOf("node")).isEmpty();
        assertThat(stableByDefault.requirement(new PromotionEvidence(0, 0, 1, 10, "rust")).uses()).isEqualTo(7);
    }

    @Test
    void invalidConfigurationIsRejected() {
        Map<String, DomainStability> nullStability = new HashMap<>();
        nullStability.put("node", null);

        assertThatThrownBy(() -> new AdaptivePolicy(null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdaptivePolicy(Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdaptivePolicy(nullStability))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node");
        assertThatThrownBy(() -> new AdaptivePolicy(Map.of(" ", DomainStability.STABLE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid domain");
        assertThatThrownBy(() -> new AdaptivePolicy(Map.of("Node", DomainStability.STABLE, "node", DomainStability.HIGH_CHURN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> POLICY.requirement(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("evidence");
    }

    @Test
    void repeatedDomainWithSameStabilityAccepted() {
        AdaptivePolicy policy = new AdaptivePolicy(Map.of("Node", DomainStability.STABLE, "node", DomainStability.STABLE));

        assertThat(policy.stabilityOf("NODE")).contains(DomainStability.STABLE);
    }
}

package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.model.Kind;
import dev.scms.model.ProjectKey;
import dev.scms.promotion.AdaptivePolicy;
import dev.scms.promotion.DomainStability;
import dev.scms.promotion.Eligibility;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdaptivePromotionTest {

    private static final String PATTERN = "Memoise derived props with useMemo so child components skip needless"
            + " renders.";

    @TempDir
    Path temp;

    private ScmsHarness harness;

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private long rememberReactPattern() {
        return harness.rememberIn(PATTERN, Kind.PATTERN, Optional.empty(), "react").memory().id();
    }

    @Test
    void newSoloProjectNeedsFiveUses() {
        harness = ScmsHarness.open(temp, AdaptivePolicy.defaults(), Map.of());
        long id = rememberReactPattern();
        for (int i = 0; i < 4; i++) {
            assertThat(harness.use(id, "alice", "acme").justEligible()).as("use %d", i + 1).isFalse();
        }

        assertThatThrownBy(() -> harness.promote(id, "acme", false))
                .isInstanceOf(NotEligibleException.class)
                .hasMessageContaining("4 helpful uses")
                .hasMessageContaining("needs 5 helpful uses")
                .hasMessageContaining("phase 5")
                .hasMessageContaining("so it needs 1 more helpful use.");
    }

    @Test
    void newSoloProjectEligibleAtFifthUse() {
        harness = ScmsHarness.open(temp, AdaptivePolicy.defaults(), Map.of());
        long id = rememberReactPattern();
        for (int i = 0; i < 4; i++) {
            harness.use(id, "alice", "acme");
        }

        assertThat(harness.use(id, "alice", "acme").justEligible()).isTrue();
    }

    @Test
    void workedCaseNeedsSecondUser() {
        harness = ScmsHarness.open(temp, new AdaptivePolicy(Map.of("react", DomainStability.HIGH_CHURN)),
                Map.of("team_size", "3"));
        harness.store.ensureProject(new ProjectKey("acme"), Optional.empty(), harness.clock.instant());
        harness.clock.advance(Duration.ofDays(45));
        long id = rememberReactPattern();

        UseResult first = harness.use(id, "alice", "acme");
        UseResult second = harness.use(id, "alice", "acme");
        UseResult third = harness.use(id, "bob", "acme");

        Eligibility eligibility = third.eligibility().orElseThrow();
        assertThat(first.justEligible()).isFalse();
        assertThat(second.justEligible()).isFalse();
        assertThat(second.eligibility().orElseThrow().missingUsers()).isEqualTo(1);
        assertThat(third.justEligible()).isTrue();
        assertThat(eligibility.requirement().uses()).isEqualTo(2);
        assertThat(eligibility.requirement().users()).isEqualTo(2);
        assertThat(eligibility.requirement().explanation()).contains("phase 3");
        assertThat(eligibility.requirement().explanation()).contains("high-churn");
    }

    @Test
    void workedCasePromotesAfterSecondUser() {
        harness = ScmsHarness.open(temp, new AdaptivePolicy(Map.of("react", DomainStability.HIGH_CHURN)),
                Map.of("team_size", "3"));
        harness.store.ensureProject(new ProjectKey("acme"), Optional.empty(), harness.clock.instant());
        harness.clock.advance(Duration.ofDays(45));
        long id = rememberReactPattern();
        harness.use(id, "alice", "acme");
        harness.use(id, "bob", "acme");

        PromoteResult result = harness.promote(id, "acme", false);

        assertThat(result.promotion().policy()).isEqualTo("adaptive");
        assertThat(((Number) result.promotion().evidence().get("distinct_users")).intValue()).isEqualTo(2);
        assertThat(((Number) result.promotion().evidence().get("project_age_days")).longValue()).isEqualTo(45L);
    }
}

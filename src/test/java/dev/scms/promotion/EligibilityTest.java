package dev.scms.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EligibilityTest {

    private static final Requirement TWO_BY_TWO = new Requirement(2, 2, "test: 2 helpful uses by at least 2 users");

    @Test
    void missingLeavesOutZeroUsers() {
        assertThat(new Eligibility(false, TWO_BY_TWO, 1, 0).missing()).isEqualTo("1 more helpful use");
    }

    @Test
    void missingLeavesOutZeroUses() {
        assertThat(new Eligibility(false, TWO_BY_TWO, 0, 2).missing()).isEqualTo("2 more users");
    }

    @Test
    void missingNamesBoth() {
        assertThat(new Eligibility(false, TWO_BY_TWO, 2, 1).missing()).isEqualTo("2 more helpful uses and 1 more user");
    }

    @Test
    void eligibleMissesNothing() {
        assertThat(new Eligibility(true, TWO_BY_TWO, 0, 0).missing()).isEqualTo("nothing");
    }
}

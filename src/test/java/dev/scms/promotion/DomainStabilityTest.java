package dev.scms.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainStabilityTest {

    @ParameterizedTest
    @CsvSource({
        "high-churn, HIGH_CHURN, 0.5",
        "HIGH_CHURN, HIGH_CHURN, 0.5",
        "'  High Churn ', HIGH_CHURN, 0.5",
        "highchurn, HIGH_CHURN, 0.5",
        "Churn, HIGH_CHURN, 0.5",
        "moderate, MODERATE, 1.0",
        "MODERATE, MODERATE, 1.0",
        "stable, STABLE, 1.5",
        "' Stable', STABLE, 1.5"
    })
    void parseAcceptsSpellings(String text, DomainStability expected, double sigma) {
        assertThat(DomainStability.parse(text)).contains(expected);
        assertThat(expected.sigma()).isEqualTo(sigma);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "volatile", "high--churn", "stable!", "1.5"})
    void parseRejectsUnknownNames(String text) {
        assertThat(DomainStability.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"HIGH_CHURN, high-churn", "MODERATE, moderate", "STABLE, stable"})
    void labelParsesBack(DomainStability stability, String label) {
        assertThat(stability.label()).isEqualTo(label);
        assertThat(DomainStability.parse(label)).contains(stability);
    }

    @Test
    void parseOfNullIsEmpty() {
        assertThat(DomainStability.parse(null)).isEmpty();
    }
}

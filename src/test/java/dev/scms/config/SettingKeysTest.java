package dev.scms.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingKeysTest {

    @Test
    void distanceCountsEdits() {
        assertThat(SettingKeys.distance("model", "model")).isZero();
        assertThat(SettingKeys.distance("mdel", "model")).isEqualTo(1);
        assertThat(SettingKeys.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(SettingKeys.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void hintSuggestsCloseKey() {
        assertThat(SettingKeys.hint("min_relevence")).isEqualTo("did you mean 'min_relevance'?");
        assertThat(SettingKeys.hint("Half-Life-Day")).isEqualTo("did you mean 'half_life_days'?");
    }

    @Test
    void hintListsKeysWhenNoneIsClose() {
        assertThat(SettingKeys.hint("colour")).startsWith("known settings: home, db, model,")
                .contains("busy_timeout_ms");
    }

    @Test
    void findIsLenientExactIsNot() {
        assertThat(SettingKeys.find("Min-Relevance")).contains(SettingKey.MIN_RELEVANCE);
        assertThat(SettingKeys.exact("Min-Relevance")).isEmpty();
        assertThat(SettingKeys.exact("min_relevance")).contains(SettingKey.MIN_RELEVANCE);
    }
}

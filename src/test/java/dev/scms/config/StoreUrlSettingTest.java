package dev.scms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreUrlSettingTest {

    private static Settings load(Map<String, String> environment) {
        return new SettingsLoader(environment, Map.of(), "ada", Path.of("/data/scms")).load();
    }

    @Test
    void unsetUsesSqliteFile() {
        assertThat(load(Map.of()).storeUrl()).isEmpty();
        assertThat(load(Map.of("SCMS_STORE_URL", " ")).storeUrl()).isEmpty();
    }

    @Test
    void acceptsLibpqAndJdbcUrls() {
        assertThat(load(Map.of("SCMS_STORE_URL", "postgresql://scms@db.example:5432/scms")).storeUrl())
                .contains("postgresql://scms@db.example:5432/scms");
        assertThat(load(Map.of("SCMS_STORE_URL", "postgres://db.example/scms")).storeUrl()).isPresent();
        assertThat(load(Map.of("SCMS_STORE_URL", "jdbc:postgresql://db.example/scms?user=scms")).storeUrl())
                .isPresent();
    }

    @Test
    void otherSchemeIsRejected() {
        assertThatThrownBy(() -> load(Map.of("SCMS_STORE_URL", "mysql://scms:hunter2@db.example/scms")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("invalid setting store_url (environment SCMS_STORE_URL)")
                .hasMessageContaining("must start with postgresql://")
                .message().doesNotContain("hunter2");
    }

    @Test
    void badPortIsRejectedWithoutPassword() {
        assertThatThrownBy(() -> load(Map.of("SCMS_STORE_URL", "postgresql://scms:hunter2@db.example:99999/scms")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("invalid setting store_url")
                .hasMessageContaining("port \"99999\"")
                .message().doesNotContain("hunter2");
    }

    @Test
    void passwordVariableIsNoUnknownSetting() {
        assertThat(EnvironmentVariables.unknown(Map.of("SCMS_STORE_PASSWORD", "x", "SCMS_STORE_URL", "y"))).isEmpty();
    }

    @Test
    void projectFileMayNotSetIt() {
        assertThat(UserOnlySettings.reason(SettingKey.STORE_URL)).isPresent();
    }
}

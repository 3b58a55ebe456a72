package dev.scms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsLoaderTest {

    private static final Path PLATFORM_HOME = Path.of("/data/scms");

    private static Settings load(Map<String, String> environment, Map<String, String> flags) {
        return new SettingsLoader(environment, flags, "ada", PLATFORM_HOME).load();
    }

    @Test
    void defaultsWithoutFlagsOrEnvironment() {
        Settings settings = load(Map.of(), Map.of());

        assertThat(settings.home()).isEqualTo(PLATFORM_HOME);
        assertThat(settings.database()).isEqualTo(PLATFORM_HOME.resolve("scms.db"));
        assertThat(settings.model()).isEqualTo("quantized");
        assertThat(settings.preset()).isEqualTo("relevance-first");
        assertThat(settings.lexicalWeight()).isEqualTo(0.2);
        assertThat(settings.halfLifeDays()).isEqualTo(14.0);
        assertThat(settings.minRelevance()).isEqualTo(0.3);
        assertThat(settings.defaultK()).isEqualTo(5);
        assertThat(settings.maxTokens()).isEqualTo(2000);
        assertThat(settings.promotionPolicy()).isEqualTo("adaptive");
        assertThat(settings.autoPromote()).isFalse();
        assertThat(settings.teamSize()).isEmpty();
        assertThat(settings.domainStability()).isEmpty();
        assertThat(settings.user()).isEqualTo("ada");
        assertThat(settings.duplicateThreshold()).isEqualTo(0.85);
        assertThat(settings.busyTimeout()).isEqualTo(Duration.ofMillis(5000));
        assertThat(settings.modelWait()).isEqualTo(Duration.ofMillis(3000));
        assertThat(settings.loadBalancing()).isEqualTo(0.0);
    }

    @Test
    void strategyDefaultsSwitchStrategiesOff() {
        StrategySettings strategies = load(Map.of(), Map.of()).strategies();

        assertThat(strategies.dropout()).isEqualTo(0.0);
        assertThat(strategies.dropoutSeed()).isEqualTo(42L);
        assertThat(strategies.hierarchicalMinMemories()).isZero();
        assertThat(strategies.hierarchical()).isFalse();
        assertThat(strategies.hierarchicalDomains()).isEqualTo(3);
        assertThat(strategies.entropyWindow()).isEqualTo(100);
        assertThat(strategies.entropyAlert()).isEqualTo(0.3);
    }

    @Test
    void strategySettingsFromFlagsAndEnvironment() {
        StrategySettings strategies = load(Map.of("SCMS_DROPOUT", "0.25", "SCMS_DROPOUT_SEED", "-7"),
                Map.of("hierarchical_min_memories", "5000", "hierarchical_domains", "4", "entropy_window", "20",
                        "entropy_alert", "0"))
                .strategies();

        assertThat(strategies.dropout()).isEqualTo(0.25);
        assertThat(strategies.dropoutSeed()).isEqualTo(-7L);
        assertThat(strategies.hierarchicalMinMemories()).isEqualTo(5000);
        assertThat(strategies.hierarchical()).isTrue();
        assertThat(strategies.hierarchicalDomains()).isEqualTo(4);
        assertThat(strategies.entropyWindow()).isEqualTo(20);
        assertThat(strategies.entropyAlert()).isZero();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "load_balancing            | -0.1        | must lie between 0.0 and 1.0",
        "dropout                   | 1.01        | must lie between 0.0 and 1.0",
        "dropout                   | often       | must be a number between 0.0 and 1.0",
        "dropout_seed              | 4.2         | must be a whole number",
        "dropout_seed              | 99999999999999999999 | must be a whole number",
        "hierarchical_min_memories | -1          | must lie between 0 and 10000000",
        "hierarchical_min_memories | many        | must be a whole number between 0 and 10000000",
        "hierarchical_domains      | 0           | must lie between 1 and 1000",
        "entropy_window            | 19          | must lie between 20 and 10000",
        "entropy_window            | 10001       | must lie between 20 and 10000",
        "entropy_alert             | 1.5         | must lie between 0.0 and 1.0",
        "entropy_alert             | NaN         | must lie between 0.0 and 1.0",
    })
    void invalidStrategySettingNamesValueAndRange(String key, String value, String problem) {
        assertThatThrownBy(() -> load(Map.of(), Map.of(key, value)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("invalid setting " + key + " ")
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining(problem);
    }

    @Test
    void blankOsUserBecomesUnknown() {
        Settings settings = new SettingsLoader(Map.of(), Map.of(), " ", PLATFORM_HOME).load();

        assertThat(settings.user()).isEqualTo("unknown");
    }

    @Test
    void environmentBeatsDefault() {
        Settings settings = load(Map.of("SCMS_K", "7"), Map.of());

        assertThat(settings.defaultK()).isEqualTo(7);
    }

    @Test
    void flagBeatsEnvironment() {
        Settings settings = load(Map.of("SCMS_K", "7"), Map.of("k", "9"));

        assertThat(settings.defaultK()).isEqualTo(9);
    }

    @Test
    void blankFlagFallsBackToEnvironment() {
        Settings settings = load(Map.of("SCMS_PRESET", "semantic"), Map.of("preset", " "));

        assertThat(settings.preset()).isEqualTo("semantic");
    }

    @Test
    void homeFlagMovesDatabase() {
        Settings settings = load(Map.of(), Map.of("home", "/tmp/scms-home"));

        assertThat(settings.database()).isEqualTo(Path.of("/tmp/scms-home/scms.db"));
    }

    @Test
    void dbFlagBeatsHome() {
        Settings settings = load(Map.of("SCMS_HOME", "/tmp/scms-home"), Map.of("db", "/tmp/other.db"));

        assertThat(settings.database()).isEqualTo(Path.of("/tmp/other.db"));
    }

    @Test
    void teamSizeFromEnvironment() {
        assertThat(load(Map.of("SCMS_TEAM_SIZE", "3"), Map.of()).teamSize()).contains(3);
    }

    @Test
    void autoPromoteFromFlag() {
        assertThat(load(Map.of(), Map.of("auto_promote", "yes")).autoPromote()).isTrue();
    }

    @Test
    void sourcesNameFlagEnvironmentAndDefault() {
        Map<SettingKey, String> sources = new SettingsLoader(Map.of("SCMS_K", "7"), Map.of("min_relevance", "0.4"),
                "ada", PLATFORM_HOME).sources();

        assertThat(sources.get(SettingKey.MIN_RELEVANCE)).isEqualTo("command line --set min_relevance");
        assertThat(sources.get(SettingKey.K)).isEqualTo("environment SCMS_K");
        assertThat(sources.get(SettingKey.PRESET)).isEqualTo("default");
    }

    @Test
    void domainStabilityParsesEntries() {
        Settings settings = load(Map.of(), Map.of("domain_stability", "React=high_churn, postgres=Stable,,"));

        assertThat(settings.domainStability()).containsExactlyInAnyOrderEntriesOf(Map.of("react", "high-churn",
                "postgres", "stable"));
    }

    @Test
    void domainStabilityFromEnvironment() {
        Settings settings = load(Map.of("SCMS_DOMAIN_STABILITY", "css=moderate"), Map.of());

        assertThat(settings.domainStability()).containsExactlyEntriesOf(Map.of("css", "moderate"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "model            | huge",
        "preset           | x",
        "lexical_weight   | 1.5",
        "lexical_weight   | abc",
        "k                | 0",
        "k                | 21",
        "team_size        | 0",
        "domain_stability | react",
        "domain_stability | react=wobbly",
        "auto_promote     | maybe",
        "busy_timeout_ms  | -1",
    })
    void invalidFlagNamesKeySourceAndValue(String key, String value) {
        assertThatThrownBy(() -> load(Map.of(), Map.of(key, value)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(key)
                .hasMessageContaining("command line --set " + key)
                .hasMessageContaining("'" + value + "'");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "model            | huge",
        "preset           | x",
        "lexical_weight   | 1.5",
        "lexical_weight   | abc",
        "k                | 0",
        "k                | 21",
        "team_size        | 0",
        "domain_stability | react",
        "domain_stability | react=wobbly",
        "auto_promote     | maybe",
        "busy_timeout_ms  | -1",
    })
    void invalidEnvironmentNamesKeySourceAndValue(String key, String value) {
        String variable = "SCMS_" + key.toUpperCase(java.util.Locale.ROOT);

        assertThatThrownBy(() -> load(Map.of(variable, value), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(key)
                .hasMessageContaining("environment " + variable)
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void invalidValueQuotedAsGiven() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("model", "Huge")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'Huge'");
    }

    @Test
    void invalidBooleanQuotedAsGiven() {
        assertThatThrownBy(() -> load(Map.of("SCMS_AUTO_PROMOTE", "Maybe"), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'Maybe'");
    }

    @Test
    void tildeAloneIsHomeFolder() {
        Settings settings = load(Map.of("SCMS_HOME", "~"), Map.of());

        assertThat(settings.home()).isEqualTo(Path.of(System.getProperty("user.home")).toAbsolutePath().normalize());
    }

    @Test
    void tildeSlashStartsAtHomeFolder() {
        Settings settings = load(Map.of(), Map.of("db", "~/notes/scms.db"));

        assertThat(settings.database()).isEqualTo(Path.of(System.getProperty("user.home"), "notes", "scms.db")
                .toAbsolutePath().normalize());
    }

    @Test
    void otherUsersHomeRejected() {
        assertThatThrownBy(() -> load(Map.of("SCMS_HOME", "~bob/scms"), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("invalid setting home (environment SCMS_HOME): '~bob/scms' is not a valid "
                        + "path: only ~ and ~/");
    }

    @Test
    void relativeEnvironmentPathStartsAtWorkingFolder() {
        Settings settings = load(Map.of("SCMS_HOME", "data"), Map.of());

        assertThat(settings.home()).isEqualTo(Path.of("").toAbsolutePath().resolve("data"));
    }

    @Test
    void modelOptionNamedInMessage() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("--model", "huge")))
                .hasMessageStartingWith("invalid setting model (command line --model): 'huge' must be one of");
    }

    @Test
    void setKeyNamedInMessage() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("model", "huge")))
                .hasMessageStartingWith("invalid setting model (command line --set model): 'huge'");
    }

    @Test
    void optionWinsOverSetOfSameKey() {
        Settings settings = load(Map.of(), Map.of("model", "huge", "--model", "full"));

        assertThat(settings.model()).isEqualTo("full");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "~nobody/x | is not a valid folder path (only ~ and ~/",
        "C:x | drive-relative Windows path",
        "file:///tmp/a%zz | is not a valid folder path",
        "\\\\server | is not a valid UNC path"})
    void invalidProjectRejectedAtStart(String value, String problem) {
        assertThatThrownBy(() -> load(Map.of("SCMS_PROJECT", value), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("invalid setting project (environment SCMS_PROJECT)")
                .hasMessageContaining(problem);
    }

    @Test
    void validProjectSettingKept() {
        assertThat(load(Map.of("SCMS_PROJECT", "payments"), Map.of()).project()).contains("payments");
        assertThat(load(Map.of("SCMS_PROJECT", "file://localhost/tmp/x"), Map.of()).project())
                .contains("file://localhost/tmp/x");
    }
}

package dev.scms.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.scms.config.InvalidSettingException;
import dev.scms.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalSettingsTest {

    private static final Preset SEMANTIC = new PresetCatalog(0.35).all().get(0);
    private static final Preset HIER = new Preset("hier", Map.of("hierarchical_min_memories", "1"));

    @TempDir
    Path temp;

    @Test
    void presetOverridesWinOverCommonSettings() {
        EvalSettings settings = new EvalSettings(Map.of(), Map.of("lexical_weight", "0.5", "half_life_days", "7"));

        assertThat(settings.effective(SEMANTIC)).containsExactly(entry("preset", "semantic"), entry(
                "lexical_weight", "0"), entry("half_life_days", "7"));
        assertThat(settings.shadowed(SEMANTIC)).containsExactly("lexical_weight=0");
    }

    @Test
    void equalNumbersAreNotShadowed() {
        Preset lex = new PresetCatalog(0.5).all().get(1);

        assertThat(new EvalSettings(Map.of(), Map.of("lexical_weight", "0.50")).shadowed(lex)).isEmpty();
    }

    @Test
    void storeStaysInTemporaryHome() {
        EvalSettings settings = new EvalSettings(Map.of("SCMS_DB", "/somewhere/user.db", "SCMS_MODEL_WAIT_MS",
                "5000"), Map.of("db", "/elsewhere/user.db"));

        Settings loaded = settings.load(SEMANTIC, temp, false);

        assertThat(loaded.database()).isEqualTo(temp.resolve("scms.db").toAbsolutePath().normalize());
        assertThat(loaded.modelWait()).isEqualTo(Duration.ZERO);
        assertThat(loaded.preset()).isEqualTo("semantic");
        assertThat(loaded.lexicalWeight()).isZero();
    }

    @Test
    void environmentAppliesUnderPresetAndCommon() {
        EvalSettings settings = new EvalSettings(Map.of("SCMS_HALF_LIFE_DAYS", "3", "SCMS_MIN_RELEVANCE", "0.4",
                "SCMS_PRESET", "usage"), Map.of("min_relevance", "0.2"));

        Settings loaded = settings.load(SEMANTIC, temp, false);

        assertThat(loaded.halfLifeDays()).isEqualTo(3.0);
        assertThat(loaded.minRelevance()).isEqualTo(0.2);
        assertThat(loaded.preset()).isEqualTo("semantic");
    }

    @Test
    void invalidCommonValueNamesSetting() {
        EvalSettings settings = new EvalSettings(Map.of(), Map.of("min_relevance", "2"));

        assertThatThrownBy(() -> settings.load(SEMANTIC, temp, false)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("min_relevance").hasMessageContaining("'2'");
    }

    @Test
    void hierarchicalFollowsMinMemoriesAboveZero() {
        assertThat(new EvalSettings(Map.of(), Map.of()).hierarchical(HIER)).isTrue();
        assertThat(new EvalSettings(Map.of(), Map.of()).hierarchical(SEMANTIC)).isFalse();
        assertThat(new EvalSettings(Map.of(), Map.of("hierarchical_min_memories", "0")).hierarchical(SEMANTIC))
                .isFalse();
        assertThat(new EvalSettings(Map.of(), Map.of("hierarchical_min_memories", "500")).hierarchical(SEMANTIC))
                .isTrue();
        assertThat(new EvalSettings(Map.of("SCMS_HIERARCHICAL_MIN_MEMORIES", "10"), Map.of()).hierarchical(
                SEMANTIC)).isTrue();
    }
}

package dev.scms.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PresetCatalogTest {

    private static final Set<String> WITHOUT_STRATEGIES = Set.of("preset", "lexical_weight", "load_balancing");
    private static final Set<String> WITH_STRATEGIES = Set.of("preset", "lexical_weight", "load_balancing",
            "dropout", "dropout_seed", "hierarchical_min_memories", "hierarchical_domains");

    private final PresetCatalog catalog = new PresetCatalog(0.35);

    @Test
    void catalogueListsAblationThenStrategies() {
        assertThat(catalog.names()).containsExactly("semantic", "semantic+lex", "temporal", "temporal+lex", "usage",
                "usage+lex", "full", "full+lex", "relevance-first", "relevance-first+lex", "relevance-first+lex+lb",
                "relevance-first+lex+dropout", "relevance-first+lex+hier");
    }

    @Test
    void ablationPresetsSetWeightsAndLexicalWeight() {
        assertThat(preset("usage").overrides()).containsExactly(entry("preset", "usage"), entry("lexical_weight",
                "0"));
        assertThat(preset("usage+lex").overrides()).containsExactly(entry("preset", "usage"), entry(
                "lexical_weight", "0.35"));
    }

    @Test
    void strategyPresetsSwitchOneStrategyOverDefault() {
        assertThat(preset("relevance-first+lex+lb").overrides()).containsExactly(entry("preset", "relevance-first"), entry(
                "lexical_weight", "0.35"), entry("load_balancing", "0.1"));
        assertThat(preset("relevance-first+lex+dropout").overrides()).containsExactly(entry("preset", "relevance-first"), entry(
                "lexical_weight", "0.35"), entry("dropout", "0.1"), entry("dropout_seed", "42"));
        assertThat(preset("relevance-first+lex+hier").overrides()).containsExactly(entry("preset", "relevance-first"), entry(
                "lexical_weight", "0.35"), entry("hierarchical_min_memories", "1"), entry("hierarchical_domains",
                        "3"));
    }

    @Test
    void lexPresetsFollowConfiguredWeight() {
        assertThat(new PresetCatalog(0.5).select("full+lex", WITH_STRATEGIES).get(0).overrides())
                .containsEntry("lexical_weight", "0.5");
    }

    @Test
    void allSkipsPresetsWithUnknownSettings() {
        assertThat(catalog.select("all", WITHOUT_STRATEGIES)).extracting(Preset::name).hasSize(11)
                .endsWith("relevance-first+lex", "relevance-first+lex+lb");
        assertThat(catalog.unsupported(WITHOUT_STRATEGIES)).extracting(Preset::name).containsExactly(
                "relevance-first+lex+dropout", "relevance-first+lex+hier");
        assertThat(catalog.select("all", WITH_STRATEGIES)).hasSize(13);
    }

    @Test
    void listKeepsOrderAndDropsRepeats() {
        assertThat(catalog.select(" Full , semantic+lex,full", WITHOUT_STRATEGIES)).extracting(Preset::name)
                .containsExactly("full", "semantic+lex");
    }

    @Test
    void listMayCombineAllWithNames() {
        assertThat(catalog.select("relevance-first+lex+lb,all", WITHOUT_STRATEGIES)).extracting(Preset::name)
                .hasSize(11).startsWith("relevance-first+lex+lb", "semantic");
    }

    @Test
    void unknownPresetNamesValueAndValidNames() {
        assertThatThrownBy(() -> catalog.select("full,fast", WITH_STRATEGIES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown preset 'fast'")
                .hasMessageContaining("valid presets: semantic, semantic+lex, temporal, temporal+lex, usage, "
                        + "usage+lex, full, full+lex, relevance-first, relevance-first+lex, relevance-first+lex+lb, "
                        + "relevance-first+lex+dropout, relevance-first+lex+hier, or all");
    }

    @Test
    void emptyEntryIsRejected() {
        assertThatThrownBy(() -> catalog.select("full,,usage", WITH_STRATEGIES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--preset 'full,,usage' has an empty entry");
    }

    @Test
    void namedPresetNeedsItsSettings() {
        assertThatThrownBy(() -> catalog.select("relevance-first+lex+hier", WITHOUT_STRATEGIES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("preset 'relevance-first+lex+hier' needs the setting hierarchical_min_memories, "
                        + "hierarchical_domains")
                .hasMessageContaining("presets this build can run: semantic,");
    }

    private Preset preset(String name) {
        return catalog.all().stream().filter(preset -> preset.name().equals(name)).findFirst().orElseThrow();
    }
}

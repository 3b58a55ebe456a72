package dev.scms.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The presets of {@code scms eval}. Eight ablation presets set the router weights
 * ({@code semantic}, {@code temporal}, {@code usage}, {@code full}), each with the lexical
 * channel off ({@code lexical_weight} 0) and on at the configured weight ({@code +lex}). The
 * default weights, {@code relevance-first}, come the same two ways. Each strategy preset
 * switches one router strategy on over the server's default configuration,
 * {@code relevance-first+lex}.
 */
public final class PresetCatalog {

    /** The server's default configuration, which the strategy presets extend. */
    public static final String DEFAULT = "relevance-first+lex";

    private static final List<String> WEIGHTS = List.of("semantic", "temporal", "usage", "full", "relevance-first");

    private final List<Preset> presets;

    /** @param lexicalWeight the configured lexical weight, which the {@code +lex} presets use */
    public PresetCatalog(double lexicalWeight) {
        this.presets = build(lexicalWeight);
    }

    public List<Preset> all() {
        return presets;
    }

    public List<String> names() {
        return presets.stream().map(Preset::name).toList();
    }

    /**
     * Resolves a comma-separated list of preset names, or {@code all}, in the order given and
     * without repeats. {@code all} expands to every preset whose settings this build has, and a
     * preset named explicitly must have them all.
     *
     * @param knownSettings the setting keys this build's settings loader reads
     * @throws IllegalArgumentException for an empty entry, an unknown name, or a named preset that
     *         needs a setting outside {@code knownSettings}; the message names the value and the valid names
     */
    public List<Preset> select(String list, Set<String> knownSettings) {
        Set<Preset> selected = new LinkedHashSet<>();
        for (String entry : list.split(",", -1)) {
            String name = entry.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("--preset '" + list + "' has an empty entry; give preset names "
                        + "separated by commas, e.g. full,full+lex");
            }
            if (name.equals("all")) {
                selected.addAll(supported(knownSettings));
                continue;
            }
            Preset preset = named(name);
            List<String> missing = missingSettings(preset, knownSettings);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("preset '" + name + "' needs the setting " + String.join(", ",
                        missing) + ", which this build does not have; presets this build can run: " + String.join(
                                ", ", supported(knownSettings).stream().map(Preset::name).toList()));
            }
            selected.add(preset);
        }
        return List.copyOf(selected);
    }

    /** Returns the presets whose every setting is in {@code knownSettings}, in catalogue order. */
    public List<Preset> supported(Set<String> knownSettings) {
        return presets.stream().filter(preset -> missingSettings(preset, knownSettings).isEmpty()).toList();
    }

    /** Returns the presets that need a setting outside {@code knownSettings}. */
    public List<Preset> unsupported(Set<String> knownSettings) {
        return presets.stream().filter(preset -> !missingSettings(preset, knownSettings).isEmpty()).toList();
    }

    static List<String> missingSettings(Preset preset, Set<String> knownSettings) {
        return preset.overrides().keySet().stream().filter(key -> !knownSettings.contains(key)).toList();
    }

    private Preset named(String name) {
        return presets.stream().filter(preset -> preset.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown preset '" + name + "'; valid presets: " + String.join(", ",
                        names()) + ", or all"));
    }

    private static List<Preset> build(double lexicalWeight) {
        List<Preset> result = new ArrayList<>();
        for (String weights : WEIGHTS) {
            result.add(new Preset(weights, ordered("preset", weights, "lexical_weight", "0")));
            result.add(new Preset(weights + "+lex", ordered("preset", weights, "lexical_weight",
                    Double.toString(lexicalWeight))));
        }
        Preset base = result.stream().filter(preset -> preset.name().equals(DEFAULT)).findFirst().orElseThrow();
        result.add(base.with(DEFAULT + "+lb", Map.of("load_balancing", "0.1")));
        result.add(base.with(DEFAULT + "+dropout", ordered("dropout", "0.1", "dropout_seed", "42")));
        result.add(base.with(DEFAULT + "+hier", ordered("hierarchical_min_memories", "1", "hierarchical_domains",
                "3")));
        return List.copyOf(result);
    }

    private static Map<String, String> ordered(String key1, String value1, String key2, String value2) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(key1, value1);
        map.put(key2, value2);
        return map;
    }
}

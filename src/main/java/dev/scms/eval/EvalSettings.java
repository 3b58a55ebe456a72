package dev.scms.eval;

import dev.scms.config.Settings;
import dev.scms.config.SettingsLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of each preset's replay: defaults, then {@code SCMS_*} environment variables,
 * then the settings given to every preset ({@code --set}), then the preset's own overrides.
 * A preset's overrides win, because they define what the preset is. Whatever the input, the
 * store lives in the replay's temporary folder and a retrieval never waits for the model.
 */
public final class EvalSettings {

    /** The setting that switches hierarchical routing on when above 0. */
    static final String HIERARCHICAL_MIN_MEMORIES = "hierarchical_min_memories";

    private final Map<String, String> environment;
    private final Map<String, String> common;

    /**
     * @param environment the process environment, of which the settings loader reads the {@code SCMS_*} keys
     * @param common settings applied to every preset, keyed as in {@link dev.scms.config.SettingKey}
     */
    public EvalSettings(Map<String, String> environment, Map<String, String> common) {
        this.environment = Map.copyOf(environment);
        this.common = Map.copyOf(common);
    }

    /** Returns the settings given to every preset. */
    public Map<String, String> common() {
        return common;
    }

    /** Returns the settings a preset runs with besides the environment: the common ones and its own. */
    public Map<String, String> effective(Preset preset) {
        Map<String, String> flags = new LinkedHashMap<>(preset.overrides());
        common.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> flags.putIfAbsent(entry.getKey(), entry.getValue()));
        return flags;
    }

    /** Returns the common settings that the preset replaces with its own value, as {@code key=value} of the preset. */
    public List<String> shadowed(Preset preset) {
        List<String> shadowed = new ArrayList<>();
        preset.overrides().forEach((key, value) -> {
            if (common.containsKey(key) && !sameValue(common.get(key), value)) {
                shadowed.add(key + "=" + value);
            }
        });
        return shadowed;
    }

    private static boolean sameValue(String left, String right) {
        if (left.strip().equalsIgnoreCase(right.strip())) {
            return true;
        }
        try {
            return Double.parseDouble(left.strip()) == Double.parseDouble(right.strip());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Returns whether the preset routes hierarchically, so that its recall against the full
     * scan is measured: {@code hierarchical_min_memories} above 0 in its settings or, failing
     * that, in the environment.
     */
    public boolean hierarchical(Preset preset) {
        String value = effective(preset).get(HIERARCHICAL_MIN_MEMORIES);
        if (value == null) {
            value = environment.get("SCMS_" + HIERARCHICAL_MIN_MEMORIES.toUpperCase(Locale.ROOT));
        }
        try {
            return value != null && Integer.parseInt(value.strip()) > 0;
        } catch (NumberFormatException e) {
            // The settings loader rejects the value with its own message when the replay starts.
            return false;
        }
    }

    /**
     * Loads the settings of one replay, with the store in {@code home}. With {@code fullScan}
     * hierarchical routing is off, which gives the reference that the recall is measured against.
     *
     * @throws dev.scms.config.InvalidSettingException naming the setting and value when one is invalid
     */
    public Settings load(Preset preset, Path home, boolean fullScan) {
        Map<String, String> flags = new LinkedHashMap<>(effective(preset));
        flags.put("home", home.toString());
        flags.put("db", home.resolve("scms.db").toString());
        flags.put("model_wait_ms", "0");
        if (fullScan) {
            // NOTE: assumes 0 switches hierarchical routing off, as "above 0 switches it on" implies.
            flags.put(HIERARCHICAL_MIN_MEMORIES, "0");
        }
        return new SettingsLoader(environment, flags, "eval", home).load();
    }
}

package dev.scms.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A router configuration to evaluate: a name and the settings it overrides, keyed as in
 * {@link dev.scms.config.SettingKey} ({@code preset}, {@code lexical_weight}, {@code load_balancing}).
 * The overrides keep their insertion order, so reports list them as the catalogue defines them.
 */
public record Preset(String name, Map<String, String> overrides) {

    public Preset {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a preset needs a name");
        }
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(overrides, "overrides")));
    }

    /** Returns a preset with the same overrides plus {@code extra}, whose values win on a shared key. */
    Preset with(String newName, Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(overrides);
        merged.putAll(extra);
        return new Preset(newName, merged);
    }
}

package dev.scms.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds {@code SCMS_*} environment variables that name no setting, such as a misspelt
 * {@code SCMS_MIN_RELEVENCE}. They are warnings, not errors, because the environment may hold
 * variables of another SCMS version or of the scripts around it.
 */
public final class EnvironmentVariables {

    static final String PREFIX = "SCMS_";

    /**
     * Variables that are no setting but are read on purpose: the user settings file, the JVM
     * options of {@code scripts/scms}, the Inspector folder of {@code scripts/inspect}, the password
     * of the PostgreSQL store and the server that its tests use.
     */
    static final Set<String> OTHERS = Set.of(SettingsFiles.CONFIG_VARIABLE, "SCMS_JAVA_OPTS", "SCMS_INSPECTOR_DIR",
            "SCMS_STORE_PASSWORD", "SCMS_TEST_POSTGRES_URL");

    private EnvironmentVariables() {
    }

    /** Returns one warning per unknown {@code SCMS_*} variable, sorted by name, with the closest known variable. */
    public static List<String> unknown(Map<String, String> environment) {
        Set<String> known = new TreeSet<>(OTHERS);
        Arrays.stream(SettingKey.values()).map(SettingKey::environmentVariable).forEach(known::add);
        List<String> warnings = new ArrayList<>();
        for (String name : new TreeSet<>(environment.keySet())) {
            if (name.startsWith(PREFIX) && !known.contains(name)) {
                warnings.add("environment variable " + EchoedText.quote(name) + " is not a setting and is ignored; "
                        + hint(name.substring(PREFIX.length())));
            }
        }
        return warnings;
    }

    private static String hint(String rest) {
        return SettingKeys.closest(rest)
                .map(key -> "did you mean " + key.environmentVariable() + "?")
                .orElse("the settings table in the README lists the SCMS_ variables");
    }
}

package dev.scms.app.doctor;

import dev.scms.config.SettingKey;
import dev.scms.config.SettingValue;
import dev.scms.config.Settings;
import dev.scms.config.SettingsFiles;
import dev.scms.config.SettingsLayer;
import dev.scms.store.postgres.PostgresUrl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Report lines about the settings files and the effective settings. */
public final class SettingsChecks {

    private SettingsChecks() {
    }

    /**
     * Returns one line per settings file looked for, where a missing file at its default place is
     * fine, and a warning per {@code SCMS_*} environment variable that is no setting.
     */
    public static List<Check> files(SettingsFiles.Stack stack) {
        List<Check> checks = new ArrayList<>();
        for (SettingsFiles.Candidate candidate : stack.candidates()) {
            String kind = candidate.origin() == SettingsLayer.Origin.USER_FILE ? "user settings file"
                    : "project settings file";
            if (!candidate.found()) {
                checks.add(Check.ok("settings", "no " + kind + " at " + candidate.file() + " (optional)"));
                continue;
            }
            int count = stack.layers().stream().filter(layer -> layer.file().equals(Optional.of(
                    candidate.file()))).mapToInt(layer -> layer.values().size()).sum();
            checks.add(Check.ok("settings", kind + " " + candidate.file() + " (from " + candidate.how() + "), "
                    + count + " settings"));
        }
        stack.warnings().forEach(warning -> checks.add(Check.warn("settings", warning)));
        return checks;
    }

    /** Returns the line that reports the settings as valid, with how many differ from the defaults. */
    public static Check valid(Map<SettingKey, SettingValue> values) {
        long given = values.values().stream().filter(value -> !value.source().equals("default")).count();
        return Check.ok("settings", "all " + values.size() + " settings valid; " + given + " set, the others "
                + "default");
    }

    /** Returns the values to show, with the computed defaults of home, db and user filled in. */
    public static Map<SettingKey, SettingValue> effective(Map<SettingKey, SettingValue> values, Settings settings) {
        Map<SettingKey, SettingValue> shown = new LinkedHashMap<>(values);
        shown.put(SettingKey.HOME, new SettingValue(settings.home().toString(), values.get(SettingKey.HOME).source()));
        shown.put(SettingKey.DB, new SettingValue(settings.database().toString(), values.get(SettingKey.DB)
                .source()));
        shown.put(SettingKey.USER, new SettingValue(settings.user(), values.get(SettingKey.USER).source()));
        SettingValue storeUrl = values.get(SettingKey.STORE_URL);
        shown.put(SettingKey.STORE_URL, new SettingValue(PostgresUrl.masked(storeUrl.value()), storeUrl.source()));
        return shown;
    }
}

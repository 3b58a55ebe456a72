package dev.scms.app;

import dev.scms.config.PlatformFolders;
import dev.scms.config.SettingKey;
import dev.scms.config.Settings;
import dev.scms.config.SettingsLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Setting flags shared by every command; they override {@code SCMS_*} environment variables. */
final class SettingsOptions {

    @Option(names = "--home", paramLabel = "DIR", description = "Data folder (default: SCMS_HOME, else the "
            + "platform data folder, ~/.local/share/scms on Linux).")
    Path home;

    @Option(names = "--db", paramLabel = "FILE", description = "Database file (default: <home>/scms.db).")
    Path database;

    @Option(names = "--model", paramLabel = "NAME", description = "Embedding model: quantized (default) or full.")
    String model;

    @Option(names = "--user", paramLabel = "NAME", description = "User name recorded with uses (default: the OS "
            + "user).")
    String user;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any other setting, e.g. --set "
            + "min_relevance=0.3; see the README for the keys.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** Returns these options with every option left unset here taken from {@code outer}. */
    SettingsOptions mergedOver(SettingsOptions outer) {
        SettingsOptions merged = new SettingsOptions();
        merged.home = home != null ? home : outer.home;
        merged.database = database != null ? database : outer.database;
        merged.model = model != null ? model : outer.model;
        merged.user = user != null ? user : outer.user;
        merged.settings = new LinkedHashMap<>(outer.settings);
        merged.settings.putAll(settings);
        return merged;
    }

    Settings load() {
        Map<String, String> flags = new HashMap<>();
        settings.forEach((key, value) -> flags.put(normaliseKey(key), value));
        putIfSet(flags, SettingKey.HOME, home == null ? null : home.toString());
        putIfSet(flags, SettingKey.DB, database == null ? null : database.toString());
        putIfSet(flags, SettingKey.MODEL, model);
        putIfSet(flags, SettingKey.USER, user);
        return loader(flags).load();
    }

    private static SettingsLoader loader(Map<String, String> flags) {
        for (String key : flags.keySet()) {
            boolean known = java.util.Arrays.stream(SettingKey.values()).anyMatch(k -> k.key().equals(key));
            if (!known) {
                throw new dev.scms.config.InvalidSettingException("unknown setting '" + key + "' in --set; known: "
                        + String.join(", ", java.util.Arrays.stream(SettingKey.values()).map(SettingKey::key)
                                .toList()));
            }
        }
        Path userHome = Path.of(System.getProperty("user.home"));
        Path platformHome = PlatformFolders.dataHome(System.getProperty("os.name"), System.getenv(), userHome);
        return new SettingsLoader(System.getenv(), flags, System.getProperty("user.name"), platformHome);
    }

    private static String normaliseKey(String key) {
        return key.strip().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
    }

    private static void putIfSet(Map<String, String> flags, SettingKey key, String value) {
        if (value != null) {
            flags.put(key.key(), value);
        }
    }
}

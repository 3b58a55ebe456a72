package dev.scms.app;

import dev.scms.config.PlatformFolders;
import dev.scms.config.SettingKey;
import dev.scms.config.Settings;
import dev.scms.config.SettingsFiles;
import dev.scms.config.SettingsLayer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Setting flags shared by every command. They override {@code SCMS_*} environment variables,
 * which override the project settings file, the user settings file and the defaults.
 */
final class SettingsOptions {

    // Paths come early in a description, because picocli may wrap a line after any dot.
    @Option(names = "--home", paramLabel = "DIR", description = "Data folder (default: ~/.local/share/scms on "
            + "Linux, the platform data folder, unless SCMS_HOME is set).")
    Path home;

    @Option(names = "--db", paramLabel = "FILE", description = "Database file (default: <home>/scms.db).")
    Path database;

    @Option(names = "--store-url", paramLabel = "URL", description = "Team store: a PostgreSQL URL such as "
            + "postgresql://scms@db.example:5432/scms, used instead of the database file; the password may come from "
            + "SCMS_STORE_PASSWORD.")
    String storeUrl;

    @Option(names = "--model", paramLabel = "NAME", description = "Embedding model: quantized (default) or full.")
    String model;

    @Option(names = "--user", paramLabel = "NAME", description = "User name recorded with uses (default: the OS "
            + "user).")
    String user;

    @Option(names = "--config", paramLabel = "FILE", description = "User settings file in TOML (default: "
            + "~/.config/scms/config.toml on Linux, config.toml in the platform config folder, unless SCMS_CONFIG "
            + "is set).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any other setting, e.g. --set "
            + "min_relevance=0.3; see the README for the keys.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** Returns these options with every option left unset here taken from {@code outer}. */
    SettingsOptions mergedOver(SettingsOptions outer) {
        SettingsOptions merged = new SettingsOptions();
        merged.home = home != null ? home : outer.home;
        merged.database = database != null ? database : outer.database;
        merged.storeUrl = storeUrl != null ? storeUrl : outer.storeUrl;
        merged.model = model != null ? model : outer.model;
        merged.user = user != null ? user : outer.user;
        merged.config = config != null ? config : outer.config;
        merged.settings = new LinkedHashMap<>(outer.settings);
        merged.settings.putAll(settings);
        return merged;
    }

    /** Loads the settings with the project settings file of the {@code project} setting or the working folder. */
    Settings load() {
        return load(Optional.empty());
    }

    /**
     * Loads the settings with the project settings file of {@code projectFolder}, the command's
     * --project, and prints a warning on stderr for each {@code SCMS_*} variable that is no setting.
     * Each command loads its settings once, so each warning appears once per command.
     */
    Settings load(Optional<Path> projectFolder) {
        SettingsFiles.Stack stack = stack(projectFolder);
        stack.warnings().forEach(warning -> System.err.println("scms: warning: " + warning));
        return stack.loader(System.getProperty("user.name"), platformHome()).load();
    }

    /** Reads the settings files and stacks them with the environment and these flags, without validating values. */
    SettingsFiles.Stack stack(Optional<Path> projectFolder) {
        Path userHome = Path.of(System.getProperty("user.home"));
        Path configFolder = PlatformFolders.configHome(System.getProperty("os.name"), System.getenv(), userHome);
        return SettingsFiles.stack(new SettingsFiles.Request(System.getenv(), flags(), Optional.ofNullable(config),
                configFolder, projectFolder, Path.of("").toAbsolutePath()));
    }

    static Path platformHome() {
        Path userHome = Path.of(System.getProperty("user.home"));
        return PlatformFolders.dataHome(System.getProperty("os.name"), System.getenv(), userHome);
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new HashMap<>();
        settings.forEach((key, value) -> flags.put(key.strip().toLowerCase(Locale.ROOT).replace('-', '_'), value));
        putIfSet(flags, SettingKey.HOME, home == null ? null : home.toString());
        putIfSet(flags, SettingKey.DB, database == null ? null : database.toString());
        putIfSet(flags, SettingKey.STORE_URL, storeUrl);
        putIfSet(flags, SettingKey.MODEL, model);
        putIfSet(flags, SettingKey.USER, user);
        return flags;
    }

    /** Puts the value of an option such as {@code --model} under its name, so that messages name that option. */
    private static void putIfSet(Map<String, String> flags, SettingKey key, String value) {
        if (value != null) {
            flags.put(SettingsLayer.OPTION_PREFIX + key.key(), value);
        }
    }
}

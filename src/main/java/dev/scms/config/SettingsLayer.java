package dev.scms.config;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings given in one place: a settings file, the environment or the command line. A
 * layer names the source of each of its values, so that messages and {@code scms doctor} can
 * name where a value came from.
 *
 * @param origin the kind of place
 * @param file the settings file, present exactly for the two file origins
 * @param values the values given there, as text; blank values count as absent
 * @param flags on the command line, the option that set a key when it was not {@code --set}, e.g. {@code --model}
 */
public record SettingsLayer(Origin origin, Optional<Path> file, Map<SettingKey, String> values,
        Map<SettingKey, String> flags) {

    /** The prefix of a flag name that is an option of its own, such as {@code --model}, rather than a --set key. */
    public static final String OPTION_PREFIX = "--";

    /** Kinds of places settings come from, lowest precedence first. */
    public enum Origin {
        USER_FILE, PROJECT_FILE, ENVIRONMENT, COMMAND_LINE
    }

    public SettingsLayer {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(file, "file");
        boolean fileOrigin = origin == Origin.USER_FILE || origin == Origin.PROJECT_FILE;
        if (fileOrigin != file.isPresent()) {
            throw new IllegalArgumentException("a " + origin + " layer " + (fileOrigin ? "needs" : "takes no")
                    + " settings file");
        }
        values = values.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(values));
        flags = Map.copyOf(flags);
    }

    public SettingsLayer(Origin origin, Optional<Path> file, Map<SettingKey, String> values) {
        this(origin, file, values, Map.of());
    }

    /** Returns the layer of the {@code SCMS_*} variables in {@code environment}; other variables are ignored. */
    public static SettingsLayer environment(Map<String, String> environment) {
        Map<SettingKey, String> values = new EnumMap<>(SettingKey.class);
        for (SettingKey key : SettingKey.values()) {
            String value = environment.get(key.environmentVariable());
            if (value != null) {
                values.put(key, value);
            }
        }
        return new SettingsLayer(Origin.ENVIRONMENT, Optional.empty(), values);
    }

    /**
     * Returns the layer of command-line flags, keyed by {@link SettingKey#key()} for {@code --set}
     * or by the option itself, such as {@code --model}, for a setting with an option of its own.
     * The option wins over {@code --set} of the same key, and messages name the one that was used.
     *
     * @throws InvalidSettingException for a key that is no setting, with the closest known key
     */
    public static SettingsLayer commandLine(Map<String, String> flags) {
        Map<SettingKey, String> values = new EnumMap<>(SettingKey.class);
        Map<SettingKey, String> options = new EnumMap<>(SettingKey.class);
        flags.forEach((name, value) -> {
            if (!name.startsWith(OPTION_PREFIX)) {
                values.put(commandLineKey(name), value);
            }
        });
        flags.forEach((name, value) -> {
            if (name.startsWith(OPTION_PREFIX)) {
                SettingKey key = commandLineKey(name.substring(OPTION_PREFIX.length()));
                values.put(key, value);
                options.put(key, name);
            }
        });
        return new SettingsLayer(Origin.COMMAND_LINE, Optional.empty(), values, options);
    }

    private static SettingKey commandLineKey(String name) {
        return SettingKeys.find(name).orElseThrow(() -> new InvalidSettingException("unknown setting "
                + EchoedText.quote(name) + " in --set; " + SettingKeys.hint(name)));
    }

    /** Returns the value of {@code key} in this layer, stripped, when it is given and not blank. */
    public Optional<String> value(SettingKey key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** Describes where {@code key} is set in this layer, e.g. {@code environment SCMS_K}. */
    public String describe(SettingKey key) {
        return switch (origin) {
            case USER_FILE, PROJECT_FILE -> describeFile(origin, file.orElseThrow());
            case ENVIRONMENT -> "environment " + key.environmentVariable();
            case COMMAND_LINE -> "command line " + flags.getOrDefault(key, "--set " + key.key());
        };
    }

    /** Names a settings file of a file origin, e.g. {@code project settings file /work/shop/.scms.toml}. */
    static String describeFile(Origin origin, Path file) {
        return (origin == Origin.PROJECT_FILE ? "project settings file " : "settings file ") + file;
    }
}

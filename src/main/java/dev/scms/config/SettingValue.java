package dev.scms.config;

import java.util.Objects;

/**
 * One setting's value as given, or its default, and where it came from.
 *
 * @param value the text as given; empty for a setting without a default
 * @param source the place, e.g. {@code settings file /home/ada/.config/scms/config.toml} or {@code default}
 */
public record SettingValue(String value, String source) {

    public SettingValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }
}

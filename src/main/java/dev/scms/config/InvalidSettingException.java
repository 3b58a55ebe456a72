package dev.scms.config;

/**
 * A setting has a value that cannot be used; the message names the setting, its source and value.
 * Builders quote values with {@link EchoedText#quote}, and the constructor escapes whatever else
 * came from outside (a path, a TOML parser message), so the message is always one safe line.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    public InvalidSettingException(String message) {
        super(EchoedText.escape(message));
    }
}

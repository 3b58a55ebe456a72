package dev.scms.config;

/** A setting has a value that cannot be used; the message names the setting, its source and value. */
public final class InvalidSettingException extends IllegalArgumentException {

    public InvalidSettingException(String message) {
        super(message);
    }
}

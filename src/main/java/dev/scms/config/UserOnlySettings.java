package dev.scms.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Settings that a project settings file ({@code .scms.toml}) may not set. A project file arrives
 * with {@code git clone}, so it may tune retrieval for its project, but it must not choose where
 * the user's memories are stored, whose name is recorded, which project other requests go to, or
 * anything that rewrites the database or writes files outside a request.
 */
public final class UserOnlySettings {

    private static final Map<SettingKey, String> REASONS = reasons();

    private UserOnlySettings() {
    }

    /** Returns why a project file may not set {@code key}, or empty when it may. */
    public static Optional<String> reason(SettingKey key) {
        return Optional.ofNullable(REASONS.get(key));
    }

    /** Returns the keys that only the user settings file, the environment and flags may set. */
    public static Map<SettingKey, String> all() {
        return REASONS;
    }

    private static Map<SettingKey, String> reasons() {
        Map<SettingKey, String> reasons = new EnumMap<>(SettingKey.class);
        reasons.put(SettingKey.HOME, "a cloned repository must not choose where your memories are stored");
        reasons.put(SettingKey.DB, "a cloned repository must not choose which database is read and written");
        reasons.put(SettingKey.STORE_URL, "a cloned repository must not choose which server your memories go to");
        reasons.put(SettingKey.USER, "a cloned repository must not choose the user name recorded with your uses");
        reasons.put(SettingKey.PROJECT, "a cloned repository must not send requests to another project's memories");
        reasons.put(SettingKey.MODEL, "a model change makes the server embed every stored memory again");
        reasons.put(SettingKey.MODEL_THREADS, "the threads used are a choice about your machine");
        reasons.put(SettingKey.BUSY_TIMEOUT_MS, "the lock wait is shared by every server process on your database");
        reasons.put(SettingKey.NATIVE_DIR, "a cloned repository must not choose which native code the server loads");
        reasons.put(SettingKey.RULES_SYNC, "it makes the server write files into project folders after promotions");
        return Collections.unmodifiableMap(reasons);
    }
}

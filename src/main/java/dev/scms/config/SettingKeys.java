package dev.scms.config;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Looks up setting keys by name and suggests the closest key for a misspelt one. */
public final class SettingKeys {

    /** Edits (insertions, deletions, substitutions) within which a known key counts as a likely intent. */
    private static final int MAX_SUGGESTION_DISTANCE = 3;

    private SettingKeys() {
    }

    /** Finds the key named {@code name}, ignoring case and taking dashes for underscores. */
    public static Optional<SettingKey> find(String name) {
        String normalised = normalise(name);
        return Arrays.stream(SettingKey.values()).filter(key -> key.key().equals(normalised)).findFirst();
    }

    /** Finds the key spelt exactly {@code name}, as settings files must write it. */
    public static Optional<SettingKey> exact(String name) {
        return Arrays.stream(SettingKey.values()).filter(key -> key.key().equals(name)).findFirst();
    }

    /**
     * Describes an unknown key for an error message: the closest known key when one is near
     * enough to be a likely misspelling, else the list of every key.
     */
    public static String hint(String name) {
        return closest(name).map(key -> "did you mean '" + key.key() + "'?").orElse("known settings: " + list());
    }

    /** Returns the known key nearest to {@code name} when it is near enough to be a likely misspelling. */
    public static Optional<SettingKey> closest(String name) {
        String normalised = normalise(name);
        return Arrays.stream(SettingKey.values())
                .min(Comparator.comparingInt(key -> distance(normalised, key.key())))
                .filter(key -> distance(normalised, key.key()) <= Math.min(MAX_SUGGESTION_DISTANCE,
                        key.key().length() / 2));
    }

    /** Returns every key, comma-separated, in declaration order. */
    public static String list() {
        return Arrays.stream(SettingKey.values()).map(SettingKey::key).collect(Collectors.joining(", "));
    }

    static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** Returns the Levenshtein distance between two texts. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

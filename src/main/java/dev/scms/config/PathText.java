package dev.scms.config;

import java.io.File;

/**
 * Reads paths as users write them in settings, flags and project arguments: {@code ~} alone,
 * {@code ~/} and, where the separator is a backslash, {@code ~\} start at the user's home folder.
 * Other {@code ~} forms such as {@code ~bob/x} are rejected rather than taken as a folder named
 * {@code ~bob} in the working folder.
 */
public final class PathText {

    private PathText() {
    }

    /**
     * Returns {@code value} with a leading home-folder tilde replaced by the user's home folder.
     *
     * @throws IllegalArgumentException for a tilde form that is not the user's own home folder
     */
    public static String expandHome(String value) {
        return expandHome(value, System.getProperty("user.home"), File.separatorChar);
    }

    static String expandHome(String value, String userHome, char separator) {
        if (!value.startsWith("~")) {
            return value;
        }
        boolean home = value.equals("~") || value.startsWith("~/") || separator == '\\' && value.startsWith("~\\");
        if (!home) {
            String forms = separator == '\\' ? "~, ~/ and ~\\" : "~ and ~/";
            throw new IllegalArgumentException("only " + forms + " stand for your home folder, and other users' "
                    + "home folders are not expanded; write the full path");
        }
        return userHome + value.substring(1);
    }

    /**
     * Returns true for a path written relative to a folder: {@code .}, {@code ..}, or a value
     * starting with {@code ./}, {@code ../}, {@code .\} or {@code ..\}. A value such as
     * {@code .config} or {@code shop} is not, so a project name stays a name.
     */
    public static boolean isRelativePath(String value) {
        return value.equals(".") || value.equals("..") || value.startsWith("./") || value.startsWith("../")
                || value.startsWith(".\\") || value.startsWith("..\\");
    }
}

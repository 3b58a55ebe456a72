package dev.scms.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks how a project is written, without looking at the disk or the store: the {@code project}
 * argument of a request and the {@code project} setting follow the same rules.
 *
 * <p>A value is a folder path when it starts with {@code /}, {@code ~}, {@code \\} (a Windows UNC
 * path), a {@code file:} URI scheme in any letter case, {@code ./} or {@code ../}, or a drive
 * letter followed by a slash or backslash. Anything else is a project name. Rejected are control
 * and invisible format characters anywhere (leading and trailing ones too, so {@code shop\n} is
 * not read as {@code shop}), another user's home folder ({@code ~bob}), drive-relative Windows
 * forms ({@code C:} and {@code C:x}, whose folder depends on the current folder of that drive), a
 * UNC path without a share, and {@code file:} URIs that do not name a local path. As RFC 8089
 * allows, {@code file://localhost/x} means {@code file:///x}.
 */
public final class ProjectSpelling {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:[\\\\/].*", Pattern.DOTALL);
    private static final Pattern DRIVE_RELATIVE = Pattern.compile("^[A-Za-z]:(?![\\\\/]).*", Pattern.DOTALL);
    private static final Pattern UNC = Pattern.compile("^\\\\\\\\[^\\\\/]+[\\\\/]+[^\\\\/]+.*", Pattern.DOTALL);
    private static final String LOCALHOST_PREFIX = "file://localhost/";

    private ProjectSpelling() {
    }

    /** Returns why {@code value} cannot name a project, as a phrase that follows the quoted value, or empty. */
    public static Optional<String> problem(String value) {
        if (CONTROL.matcher(value).find()) {
            return Optional.of("contains control or invisible format characters; pass a project name or folder path "
                    + "without them");
        }
        String text = value.strip();
        if (DRIVE_RELATIVE.matcher(text).matches()) {
            return Optional.of("is a drive-relative Windows path, whose folder depends on the current folder of drive "
                    + text.substring(0, 2) + "; write the full path, such as " + text.substring(0, 2) + "\\projects\\shop");
        }
        if (text.startsWith("\\\\") && !UNC.matcher(text).matches()) {
            return Optional.of("is not a valid UNC path; write it as \\\\server\\share\\folder");
        }
        if (text.startsWith("~")) {
            try {
                PathText.expandHome(text);
            } catch (IllegalArgumentException e) {
                return Optional.of("is not a valid folder path (" + e.getMessage() + "); pass an absolute folder or "
                        + "a project name");
            }
        }
        if (isFileUri(text)) {
            try {
                Path.of(fileUri(text));
            } catch (IllegalArgumentException e) {
                return Optional.of("is not a valid folder path (" + e.getMessage() + "); write a file: URI as "
                        + "file:///path/to/folder with spaces as %20");
            }
        }
        return Optional.empty();
    }

    /** Returns true when {@code text}, already stripped, is written as a folder path or {@code file:} URI. */
    public static boolean isPath(String text) {
        return text.startsWith("/") || text.startsWith("~") || text.startsWith("\\\\") || isFileUri(text)
                || PathText.isRelativePath(text) || WINDOWS_DRIVE.matcher(text).matches();
    }

    /** Returns true for a Windows drive path such as {@code C:\x} or {@code c:/x}. */
    public static boolean isDrivePath(String text) {
        return WINDOWS_DRIVE.matcher(text).matches();
    }

    /** Returns true for a Windows UNC path with a server and a share, such as {@code \\server\share\x}. */
    public static boolean isUncPath(String text) {
        return UNC.matcher(text).matches();
    }

    /** Returns true when {@code text} starts with the {@code file:} scheme, in any letter case. */
    public static boolean isFileUri(String text) {
        return text.regionMatches(true, 0, "file:", 0, 5);
    }

    /**
     * Parses a {@code file:} URI, with {@code file://localhost/} read as {@code file:///}.
     *
     * @throws IllegalArgumentException when the text is not a valid URI
     */
    public static URI fileUri(String text) {
        if (text.regionMatches(true, 0, LOCALHOST_PREFIX, 0, LOCALHOST_PREFIX.length())) {
            return URI.create("file:///" + text.substring(LOCALHOST_PREFIX.length()));
        }
        return URI.create(text);
    }
}

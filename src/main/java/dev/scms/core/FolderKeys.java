package dev.scms.core;

import dev.scms.config.PathText;
import dev.scms.config.ProjectSpelling;
import dev.scms.model.ProjectKey;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns a folder path or {@code file:} URI into the text of its project key: absolute, with
 * {@code .} and {@code ..} resolved, forward slashes, no trailing slash and a lower-case drive
 * letter. An existing folder is keyed by its real path, symbolic links resolved, and on a
 * case-insensitive file system with the letter case its names have on disk.
 *
 * <p>A Windows drive path ({@code C:\x}, {@code c:/x/}, {@code file:///C:/x}) gives the same key
 * {@code c:/x} on every system, and a UNC path ({@code \\server\share\x}) the key
 * {@code //server/share/x}. On Linux and macOS both are normalised as text, because they are not
 * local folders there. A WSL path such as {@code /mnt/c/x} is a different key from
 * {@code c:/x}: {@code /mnt/c} is an ordinary folder to Linux, and only WSL maps it to a drive.
 * Plain paths are taken literally, so {@code /tmp/a%20b} names a folder with a percent sign,
 * while {@code file:} URIs are percent-decoded.
 */
final class FolderKeys {

    private static final Pattern DRIVE_PATH = Pattern.compile("^([A-Za-z]):[\\\\/](.*)$", Pattern.DOTALL);
    private static final Pattern DRIVE_URI_PATH = Pattern.compile("^/([A-Za-z]):(/.*)?$", Pattern.DOTALL);

    private FolderKeys() {
    }

    /** Returns the key of the folder, or empty when the text is not a valid path or URI. */
    static Optional<ProjectKey> of(String text) {
        try {
            String stripped = text.strip();
            Optional<String> drivePath = drivePath(stripped);
            if (drivePath.isPresent() && File.separatorChar == '/') {
                return Optional.of(new ProjectKey(driveKey(drivePath.get())));
            }
            if (ProjectSpelling.isUncPath(stripped) && File.separatorChar == '/') {
                return Optional.of(new ProjectKey(uncKey(stripped)));
            }
            Path normalised = toPath(stripped).toAbsolutePath().normalize();
            if (Files.exists(normalised)) {
                normalised = onDiskCase(normalised.toRealPath());
            }
            return Optional.of(new ProjectKey(keyText(normalised.toString())));
        } catch (IllegalArgumentException | IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Returns the text as a Windows drive path when it is one, written directly or as a file: URI. */
    private static Optional<String> drivePath(String text) {
        if (DRIVE_PATH.matcher(text).matches()) {
            return Optional.of(text);
        }
        if (ProjectSpelling.isFileUri(text)) {
            String path = ProjectSpelling.fileUri(text).getPath();
            if (path != null && DRIVE_URI_PATH.matcher(path).matches()) {
                return Optional.of(path.substring(1));
            }
        }
        return Optional.empty();
    }

    /** Normalises a drive path as text: {@code C:\a\.\b\..\c\} gives {@code c:/a/c}. */
    static String driveKey(String drivePath) {
        Matcher matcher = DRIVE_PATH.matcher(drivePath);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a drive path: " + drivePath);
        }
        Deque<String> names = new ArrayDeque<>();
        for (String name : matcher.group(2).split("[\\\\/]+")) {
            if (name.equals("..")) {
                names.pollLast();
            } else if (!name.isEmpty() && !name.equals(".")) {
                names.addLast(name);
            }
        }
        String drive = matcher.group(1).toLowerCase(Locale.ROOT) + ":";
        return names.isEmpty() ? drive : drive + "/" + String.join("/", names);
    }

    /**
     * Normalises a UNC path as text: {@code \\server\share\a\..\b\} gives {@code //server/share/b}.
     * A {@code ..} never climbs above the share, as on Windows.
     */
    static String uncKey(String uncPath) {
        String[] parts = uncPath.substring(2).split("[\\\\/]+");
        Deque<String> names = new ArrayDeque<>();
        for (int i = 2; i < parts.length; i++) {
            if (parts[i].equals("..")) {
                names.pollLast();
            } else if (!parts[i].isEmpty() && !parts[i].equals(".")) {
                names.addLast(parts[i]);
            }
        }
        String share = "//" + parts[0] + "/" + parts[1];
        return names.isEmpty() ? share : share + "/" + String.join("/", names);
    }

    private static Path toPath(String text) {
        if (ProjectSpelling.isFileUri(text)) {
            return Path.of(ProjectSpelling.fileUri(text));
        }
        return Path.of(PathText.expandHome(text));
    }

    private static String keyText(String path) {
        String key = path.replace('\\', '/');
        if (key.length() > 1 && key.endsWith("/")) {
            key = key.substring(0, key.length() - 1);
        }
        if (key.length() >= 2 && key.charAt(1) == ':') {
            key = Character.toLowerCase(key.charAt(0)) + key.substring(1);
        }
        return key;
    }

    /**
     * Returns the real path with each name spelt as on disk when the folder's file system ignores
     * letter case, so that {@code ~/Code/Shop} and {@code ~/code/shop} give one key there.
     * NOTE: the tests run on a case-sensitive file system, so they check the spelling step and
     * a negative detection, but not a positive detection on macOS or Windows.
     */
    private static Path onDiskCase(Path real) throws IOException {
        return ignoresCase(real) ? spelledOnDisk(real) : real;
    }

    /**
     * Returns true when the file system of the path ignores letter case: the path with the case
     * of its last name swapped reaches the same file. A path with no cased letter gives false.
     */
    static boolean ignoresCase(Path real) throws IOException {
        for (Path at = real; at != null && at.getFileName() != null; at = at.getParent()) {
            String name = at.getFileName().toString();
            String swapped = swapCase(name);
            if (!swapped.equals(name)) {
                Path other = at.resolveSibling(swapped);
                return Files.exists(other) && Files.isSameFile(at, other);
            }
        }
        return false;
    }

    /** Returns the path with each name replaced by the directory entry that equals it ignoring case. */
    static Path spelledOnDisk(Path path) throws IOException {
        Path spelt = path.getRoot();
        for (Path name : path) {
            spelt = spelt.resolve(entryNamed(spelt, name.toString()));
        }
        return spelt;
    }

    /** Returns the entry of the folder named exactly {@code name}, else one equal to it ignoring case, else the name. */
    private static String entryNamed(Path folder, String name) throws IOException {
        String ignoringCase = name;
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String entryName = entry.getFileName().toString();
                if (entryName.equals(name)) {
                    return name;
                }
                if (ignoringCase.equals(name) && entryName.equalsIgnoreCase(name)) {
                    ignoringCase = entryName;
                }
            }
        }
        return ignoringCase;
    }

    private static String swapCase(String name) {
        StringBuilder swapped = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (Character.isUpperCase(c)) {
                swapped.appendCodePoint(Character.toLowerCase(c));
            } else if (Character.isLowerCase(c)) {
                swapped.appendCodePoint(Character.toUpperCase(c));
            } else {
                swapped.appendCodePoint(c);
            }
        });
        return swapped.toString();
    }
}

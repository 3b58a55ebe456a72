package dev.scms.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Creates folders (mode 0700) and files (mode 0600) that only their owner can read, and finds
 * existing ones that group or others can read. Modes apply on POSIX file systems only. On others,
 * such as Windows, folders get the default permissions, no file is created and nothing is reported.
 */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> FOLDER_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /**
     * Creates {@code folder} and its missing parents, each with mode 0700 on POSIX. Folders that
     * exist keep their mode.
     */
    public static void createFolders(Path folder) throws IOException {
        if (isPosix(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER_MODE));
        } else {
            Files.createDirectories(folder);
        }
    }

    /**
     * Creates an empty {@code file} with mode 0600 on POSIX, so that a program that writes it
     * later keeps that mode. Does nothing when the file exists or the file system is not POSIX.
     */
    public static void createFile(Path file) throws IOException {
        if (!isPosix(file)) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_MODE));
        } catch (FileAlreadyExistsException e) {
            // Another process created it first, so the file keeps the mode that process gave it.
        }
    }

    /**
     * Returns a warning when group or others can read {@code path}, naming its mode and the
     * {@code chmod} command that fixes it. Returns empty when the path does not exist or the file
     * system is not POSIX.
     *
     * @param description what the path is, such as "data folder", to start the warning with
     */
    public static Optional<String> readableByOthers(Path path, String description) throws IOException {
        if (!isPosix(path) || !Files.exists(path)) {
            return Optional.empty();
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
        if (!mode.contains(PosixFilePermission.GROUP_READ) && !mode.contains(PosixFilePermission.OTHERS_READ)) {
            return Optional.empty();
        }
        return Optional.of(description + " " + path + " has mode " + octal(mode) + " ("
                + PosixFilePermissions.toString(mode) + "), so group or others can read it; run chmod go-rwx "
                + shellQuoted(path.toString()) + " to make it readable by its owner only");
    }

    static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Returns the mode in the octal form chmod takes, such as {@code 644}. */
    static String octal(Set<PosixFilePermission> mode) {
        int bits = 0;
        for (PosixFilePermission permission : mode) {
            // PosixFilePermission lists OWNER_READ first and OTHERS_EXECUTE last, so ordinal 0 is bit 8.
            bits |= 1 << (8 - permission.ordinal());
        }
        return String.format(Locale.ROOT, "%03o", bits);
    }

    /** Quotes {@code text} for a POSIX shell, so that paths with spaces can be pasted as they are. */
    static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}

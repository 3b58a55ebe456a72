package dev.scms.app.doctor;

import dev.scms.store.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Checks of the Java runtime and the data folder. */
public final class SystemChecks {

    /** Below this much free space a migration's backup copy or the write-ahead log may not fit. */
    static final long FAIL_BELOW_BYTES = 10L * 1024 * 1024;
    /** Below this much free space the store still works but may soon stop. */
    static final long WARN_BELOW_BYTES = 100L * 1024 * 1024;
    static final int MIN_JAVA = 17;

    private SystemChecks() {
    }

    /** Checks the running Java version and names its vendor and location. */
    public static Check java(Runtime.Version version, String vendor, String javaHome) {
        String found = "Java " + version + " (" + vendor + ") at " + javaHome;
        if (version.feature() < MIN_JAVA) {
            return Check.fail("java", found + "; SCMS needs Java " + MIN_JAVA + " or newer");
        }
        return Check.ok("java", found);
    }

    /**
     * Checks that the data folder exists or can be created, is writable, has free space and is
     * not readable by group or others.
     */
    public static List<Check> dataFolder(Path home) {
        List<Check> checks = new ArrayList<>();
        if (Files.exists(home) && !Files.isDirectory(home)) {
            checks.add(Check.fail("data", "data folder " + home + " is a file, not a folder; set home to a folder"));
            return checks;
        }
        Path existing = nearestExisting(home);
        if (!Files.isWritable(existing)) {
            checks.add(Check.fail("data", (existing.equals(home) ? "data folder " + home + " is not writable"
                    : "data folder " + home + " does not exist and cannot be created in " + existing)
                    + "; check the permissions or set another home"));
            return checks;
        }
        checks.add(Check.ok("data", existing.equals(home) ? "data folder " + home + " exists and is writable"
                : "data folder " + home + " does not exist yet; the first command that opens the store creates it"));
        checks.add(freeSpace(home, existing));
        readableByOthers("data", home, "data folder").ifPresent(checks::add);
        return checks;
    }

    /**
     * Returns a warning when group or others can read {@code path}. The doctor only reports it,
     * because the user may have chosen that mode.
     */
    static Optional<Check> readableByOthers(String area, Path path, String description) {
        try {
            return OwnerOnlyFiles.readableByOthers(path, description).map(message -> Check.warn(area, message));
        } catch (IOException e) {
            return Optional.of(Check.warn(area, "permissions of " + path + " cannot be read: " + e.getMessage()));
        }
    }

    private static Check freeSpace(Path home, Path existing) {
        try {
            long free = Files.getFileStore(existing).getUsableSpace();
            String message = formatBytes(free) + " free on the disk of " + home;
            if (free < FAIL_BELOW_BYTES) {
                return Check.fail("data", message + "; free space before the store fails to write");
            }
            if (free < WARN_BELOW_BYTES) {
                return Check.warn("data", message + "; free some space soon");
            }
            return Check.ok("data", message);
        } catch (IOException e) {
            return Check.warn("data", "free space of " + home + " cannot be read: " + e.getMessage());
        }
    }

    static Path nearestExisting(Path folder) {
        Path current = folder.toAbsolutePath();
        while (current != null && !Files.exists(current)) {
            current = current.getParent();
        }
        return current == null ? folder.toAbsolutePath().getRoot() : current;
    }

    static String formatBytes(long bytes) {
        if (bytes >= 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}

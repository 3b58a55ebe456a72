package dev.scms.app.doctor;

import dev.scms.store.StoreException;
import dev.scms.store.sqlite.DatabaseInspector;
import dev.scms.store.sqlite.DatabaseReport;
import dev.scms.store.sqlite.WalInspector;
import dev.scms.store.sqlite.WriteAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** Checks of the database file, through a read-only connection that never migrates it. */
public final class DatabaseChecks {

    private static final int MAX_PROBLEMS_SHOWN = 3;

    private DatabaseChecks() {
    }

    /** Inspects {@code file} and turns what it finds into report lines. */
    public static List<Check> check(Path file, String modelId, Duration busyTimeout) {
        try {
            List<Check> checks = new ArrayList<>(wal(file));
            DatabaseReport report = DatabaseInspector.inspect(file, modelId, busyTimeout);
            checks.addAll(checks(report, modelId));
            SystemChecks.readableByOthers("database", file, "database").ifPresent(checks::add);
            WriteAccess.problem(file).ifPresent(problem -> checks.add(Check.warn("database", problem
                    + "; until then scms serves reads only")));
            return checks;
        } catch (StoreException e) {
            return List.of(Check.fail("database", "database " + file + " cannot be opened read-only: "
                    + e.getMessage()));
        }
    }

    /** Returns a failure when the WAL of {@code file} is damaged, missing or truncated, else nothing. */
    private static List<Check> wal(Path file) {
        return WalInspector.inspect(file.toAbsolutePath()).map(problem -> Check.fail("database",
                problem.description() + (problem.walDamaged() ? ". The next scms command or server start "
                        + "keeps a copy of the WAL next to the database, then SQLite drops the damaged frames; "
                        + "restore a backup if the changes in them matter" : ""))).stream().toList();
    }

    static List<Check> checks(DatabaseReport report, String modelId) {
        if (!report.exists()) {
            return List.of(Check.ok("database", "database " + report.file() + " does not exist yet; the first "
                    + "command that opens the store creates it"));
        }
        List<Check> checks = new ArrayList<>();
        checks.add(integrity(report));
        checks.add(schema(report));
        checks.add("wal".equalsIgnoreCase(report.journalMode())
                ? Check.ok("database", "journal mode wal")
                : Check.warn("database", "journal mode " + report.journalMode() + ", not wal; the next start "
                        + "switches it to wal"));
        if (report.schemaVersion() > 0 && report.schemaVersion() <= report.expectedVersion()) {
            checks.add(Check.ok("database", counts(report)));
            if (report.activeWithoutVector() > 0) {
                checks.add(Check.warn("database", report.activeWithoutVector() + " active memories have no vector "
                        + "of model " + modelId + "; the server embeds them in the background after it starts"));
            }
        }
        return checks;
    }

    private static Check integrity(DatabaseReport report) {
        if (report.intact()) {
            return Check.ok("database", "database " + report.file() + " opens read-only; quick_check ok");
        }
        List<String> shown = report.integrity().subList(0, Math.min(MAX_PROBLEMS_SHOWN, report.integrity().size()));
        return Check.fail("database", "quick_check of " + report.file() + " found " + report.integrity().size()
                + " problems, e.g. " + String.join("; ", shown) + "; restore a backup or export what still reads");
    }

    private static Check schema(DatabaseReport report) {
        int version = report.schemaVersion();
        int expected = report.expectedVersion();
        if (version == expected) {
            return Check.ok("database", "schema version " + version + ", as this program expects");
        }
        if (version > expected) {
            return Check.fail("database", "schema version " + version + " is newer than this program's " + expected
                    + "; upgrade scms");
        }
        if (version == 0) {
            return Check.warn("database", "schema version 0: the file holds no SCMS tables yet; the next start "
                    + "creates them");
        }
        return Check.warn("database", "schema version " + version + " is older than this program's " + expected
                + "; the next start copies the file to " + report.file().getFileName() + ".v" + version
                + ".bak and migrates it");
    }

    private static String counts(DatabaseReport report) {
        StringJoiner parts = new StringJoiner(", ");
        report.memories().forEach((group, count) -> parts.add(count + " " + group));
        return report.totalMemories() + " memories" + (report.memories().isEmpty() ? "" : ": " + parts);
    }
}

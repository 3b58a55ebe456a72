package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.store.postgres.MigrationReport;
import dev.scms.store.postgres.PostgresUrl;
import dev.scms.store.postgres.SqliteToPostgres;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Copies the local SQLite store into a PostgreSQL store, for a team that moves to one shared store. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Copy the SQLite store (the db setting) "
        + "into a PostgreSQL store in one transaction, keeping ids, counters, vectors, uses and promotions, then "
        + "print the row counts of every table in both. Exits with 1, leaving the PostgreSQL store unchanged, when "
        + "a count differs.")
final class MigrateCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions settings;

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "KIND", description = "Kind of the target store: postgres.")
    String kind;

    @Parameters(paramLabel = "URL", description = "PostgreSQL URL of the target, e.g. "
            + "postgresql://scms@db.example:5432/scms; the password may come from SCMS_STORE_PASSWORD.")
    String url;

    @Option(names = "--replace", description = "Delete the rows already in the target, in the same transaction, "
            + "instead of rejecting a target that is not empty.")
    boolean replace;

    @Override
    public Integer call() {
        if (!"postgres".equalsIgnoreCase(kind) && !"postgresql".equalsIgnoreCase(kind)) {
            throw new ParameterException(spec.commandLine(), "invalid value for --to: '" + kind + "'; the only target "
                    + "is postgres");
        }
        PostgresUrl target;
        try {
            target = PostgresUrl.parse(url, Optional.ofNullable(System.getenv(PostgresUrl.PASSWORD_VARIABLE)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Settings loaded = settings.mergedOver(parent.settings).load();
        Logging.start(loaded.home(), "WARN");
        PrintWriter out = spec.commandLine().getOut();
        MigrationReport report;
        try {
            report = SqliteToPostgres.copy(loaded.database(), target, replace, loaded.busyTimeout());
        } catch (SqliteToPostgres.CountMismatchException e) {
            out.print(e.report().table());
            out.flush();
            throw e;
        }
        out.print(report.table());
        if (report.deletedTargetRows() > 0) {
            out.println("Deleted " + report.deletedTargetRows() + " rows that were in the target first (--replace).");
        }
        out.println("Copied " + loaded.database() + " into " + target.display() + ". Set store_url (SCMS_STORE_URL) "
                + "to that URL so that scms uses it.");
        out.flush();
        return 0;
    }
}

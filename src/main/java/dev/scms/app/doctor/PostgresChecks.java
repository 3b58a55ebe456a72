package dev.scms.app.doctor;

import dev.scms.store.StoreException;
import dev.scms.store.postgres.PostgresInspector;
import dev.scms.store.postgres.PostgresUrl;
import java.util.ArrayList;
import java.util.List;

/** Checks of a PostgreSQL store, read-only: the server can be reached and the schema fits this program. */
public final class PostgresChecks {

    private PostgresChecks() {
    }

    /** Connects to the store of {@code url} and turns what it finds into report lines. */
    public static List<Check> check(PostgresUrl url, String modelId) {
        List<Check> checks = new ArrayList<>();
        checks.add(Check.ok("database", "store_url is set, so the SQLite file checks (quick_check, WAL, file "
                + "permissions) do not apply; back the PostgreSQL store up with pg_dump"));
        PostgresInspector.Report report;
        try {
            report = PostgresInspector.inspect(url, modelId);
        } catch (StoreException e) {
            checks.add(Check.fail("database", e.getMessage()));
            return checks;
        }
        checks.add(Check.ok("database", "PostgreSQL store " + url.display() + " reached; server version "
                + report.serverVersion()));
        checks.add(schema(url, report));
        if (report.schemaVersion() == report.expectedVersion()) {
            checks.add(Check.ok("database", report.memories() + " memories; pgvector column "
                    + (report.pgvectorColumn() ? "present" : "absent (the router does not need it)")));
            if (report.activeWithoutVector() > 0) {
                checks.add(Check.warn("database", report.activeWithoutVector() + " active memories have no vector of "
                        + "model " + modelId + "; the server embeds them in the background after it starts"));
            }
        }
        return checks;
    }

    private static Check schema(PostgresUrl url, PostgresInspector.Report report) {
        int version = report.schemaVersion();
        int expected = report.expectedVersion();
        if (version == expected) {
            return Check.ok("database", "schema version " + version + ", as this program expects");
        }
        if (version > expected) {
            return Check.fail("database", "schema version " + version + " of " + url.display() + " is newer than this "
                    + "program's " + expected + "; upgrade scms");
        }
        return Check.warn("database", "schema version " + version + " of " + url.display() + " is older than this "
                + "program's " + expected + "; the next start of scms creates or migrates the tables");
    }
}

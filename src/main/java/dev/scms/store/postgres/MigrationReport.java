package dev.scms.store.postgres;

import java.util.List;

/**
 * The outcome of copying a SQLite store into a PostgreSQL store: the rows of each table in both,
 * and the rows deleted from the target first, when the caller allowed it.
 */
public record MigrationReport(List<TableCount> tables, long deletedTargetRows) {

    /** The rows of one table in the source and, after the copy, in the target. */
    public record TableCount(String table, long source, long target) {

        public boolean matches() {
            return source == target;
        }
    }

    public MigrationReport {
        tables = List.copyOf(tables);
    }

    public boolean matches() {
        return tables.stream().allMatch(TableCount::matches);
    }

    /** Returns one line per table: name, source rows, target rows, and MISMATCH where they differ. */
    public String table() {
        int width = tables.stream().mapToInt(count -> count.table().length()).max().orElse(5);
        StringBuilder text = new StringBuilder(String.format("%-" + width + "s  %10s  %10s%n", "TABLE", "SQLITE",
                "POSTGRESQL"));
        for (TableCount count : tables) {
            text.append(String.format("%-" + width + "s  %10d  %10d%s%n", count.table(), count.source(), count.target(),
                    count.matches() ? "" : "  MISMATCH"));
        }
        return text.toString();
    }
}

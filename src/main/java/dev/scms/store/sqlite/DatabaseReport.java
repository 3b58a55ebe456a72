package dev.scms.store.sqlite;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The findings of a read-only inspection of a database file.
 *
 * @param file the database file
 * @param exists whether the file exists; the other fields are empty or 0 when it does not
 * @param schemaVersion the file's {@code PRAGMA user_version}
 * @param expectedVersion the schema version this program migrates to
 * @param journalMode the file's journal mode, {@code wal} for a database the server has opened
 * @param integrity the rows of {@code PRAGMA quick_check}: {@code ok}, or the problems found
 * @param memories number of memories by layer and status, e.g. {@code "L0 active" -> 12}, sorted by name
 * @param activeWithoutVector active memories without a vector of the inspected model
 */
public record DatabaseReport(Path file, boolean exists, int schemaVersion, int expectedVersion, String journalMode,
        List<String> integrity, Map<String, Long> memories, long activeWithoutVector) {

    public DatabaseReport {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(journalMode, "journalMode");
        integrity = List.copyOf(integrity);
        memories = Collections.unmodifiableMap(new TreeMap<>(memories));
    }

    static DatabaseReport missing(Path file, int expectedVersion) {
        return new DatabaseReport(file, false, 0, expectedVersion, "", List.of(), Map.of(), 0);
    }

    /** Returns true when {@code PRAGMA quick_check} found no problem. */
    public boolean intact() {
        return integrity.equals(List.of("ok"));
    }

    public long totalMemories() {
        return memories.values().stream().mapToLong(Long::longValue).sum();
    }
}

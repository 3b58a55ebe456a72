package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that the JVM maps SQLite's native library from one file, because with two copies a
 * connection can run code from the copy that never initialized SQLite and crash the JVM.
 */
class NativeLibrariesLoadTest {

    private static final Path MAPS = Path.of("/proc/self/maps");

    @TempDir
    Path temp;

    @Test
    void twoInstallsMapOneSqliteLibrary() throws Exception {
        assumeTrue(Files.isReadable(MAPS), "needs /proc/self/maps (Linux)");
        assertThat(selectOne()).as("sqlite-jdbc works before any install").isEqualTo(1);

        NativeLibraries.Status first = NativeLibraries.install(temp.resolve("first"), false);
        NativeLibraries.Status second = NativeLibraries.install(temp.resolve("second"), false);

        assertThat(first.sqliteFailure()).isEmpty();
        assertThat(second.sqliteFailure()).isEmpty();
        assertThat(mappedSqliteLibraries()).as("files mapped as libsqlitejdbc").hasSize(1);
        assertThat(selectOne()).as("sqlite-jdbc works after both installs").isEqualTo(1);
    }

    private static int selectOne() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select 1")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Returns the distinct files that /proc/self/maps lists for libsqlitejdbc, deleted ones included. */
    private static Set<String> mappedSqliteLibraries() throws IOException {
        try (Stream<String> lines = Files.lines(MAPS)) {
            return lines.filter(line -> line.contains("libsqlitejdbc"))
                    .map(line -> line.substring(line.indexOf('/')).replace(" (deleted)", ""))
                    .collect(Collectors.toSet());
        }
    }
}

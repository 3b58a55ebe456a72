package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.core.Texts;
import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.NewMemory;
import dev.scms.store.sqlite.SqliteMemoryStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The list command in this process, on a real SQLite file with three memories. */
class ListCommandTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void storeThreeMemories() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
        try (SqliteMemoryStore store = SqliteMemoryStore.open(home.resolve("scms.db"), clock)) {
            for (String text : List.of("First lesson", "Second lesson", "Third lesson")) {
                store.insert(new NewMemory(Layer.L0, Kind.PATTERN, text, text, Map.of(), "", Optional.empty(),
                        List.of(), 0.5, clock.instant(), Texts.contentHash("pattern", text), Optional.empty()),
                        Optional.empty());
            }
        }
    }

    @Test
    void cutListSaysHowManyMatch() {
        int exitCode = run("list", "--limit", "2");

        assertThat(exitCode).isZero();
        assertThat(out.toString().lines()).hasSize(3);
        assertThat(err.toString()).isEqualTo("scms: showing 2 of 3 memories; use --limit 3 to see them all"
                + System.lineSeparator());
    }

    @Test
    void wholeListPrintsNoNote() {
        int exitCode = run("list", "--limit", "3");

        assertThat(exitCode).isZero();
        assertThat(err.toString()).isEmpty();
    }

    private int run(String... args) {
        String[] withHome = new String[args.length + 2];
        withHome[0] = "--home";
        withHome[1] = home.toString();
        System.arraycopy(args, 0, withHome, 2, args.length);
        return new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler(new ErrorHandler()).setParameterExceptionHandler(new ErrorHandler())
                .execute(withHome);
    }
}

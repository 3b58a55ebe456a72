package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.core.InvalidInputException;
import dev.scms.core.NotEligibleException;
import dev.scms.store.MemoryNotFoundException;
import dev.scms.store.StoreBusyException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Argument errors of the memory commands: exit code 2 and one plain line on stderr, before any store opens. */
class CommandArgumentsTest {

    @TempDir
    Path home;

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withHome = new String[args.length + 2];
        withHome[0] = "--home";
        withHome[1] = home.toString();
        System.arraycopy(args, 0, withHome, 2, args.length);
        int exitCode = new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err,
                true)).setExecutionExceptionHandler(new ErrorHandler()).setParameterExceptionHandler(
                        new ErrorHandler()).execute(withHome);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private void assertUsageError(Run run, String expected) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("scms: ").contains(expected);
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(home.resolve("scms.db")).doesNotExist();
    }

    @Test
    void addRejectsFailureKind() {
        assertUsageError(run("add", "text", "--kind", "bug_pattern"), "invalid --kind: must be pattern or rule, got "
                + "'bug_pattern'");
    }

    @Test
    void addRejectsImportanceOutOfRange() {
        assertUsageError(run("add", "text", "--importance", "2"), "invalid --importance: must lie between 0 and 1, got 2.0");
    }

    @Test
    void addRejectsBlankText() {
        assertUsageError(run("add", "  "), "TEXT: must not be empty");
    }

    @Test
    void listRejectsUnknownStatusLayerAndKind() {
        assertUsageError(run("list", "--status", "gone"), "invalid --status: must be active, archived or all, got 'gone'");
        assertUsageError(run("list", "--layer", "L2"), "invalid --layer: must be L0 or L1, got 'L2'");
        assertUsageError(run("list", "--kind", "note"), "unknown kind 'note'");
        assertUsageError(run("list", "--limit", "0"), "invalid --limit: must be at least 1, got 0");
    }

    @Test
    void longInvalidValuesEchoedCut() {
        String value = "x".repeat(16_000);

        for (Run run : java.util.List.of(run("list", "--kind", value), run("list", "--status", value),
                run("search", "query", "-k", value), run("export", "--format", value))) {
            assertUsageError(run, "(16000 characters)");
            assertThat(run.stderr().length()).isLessThan(600);
        }
    }

    @Test
    void searchRejectsUnknownKindAndBadK() {
        assertUsageError(run("search", "query", "--kinds", "pattern,note"), "unknown kind 'note'");
        assertUsageError(run("search", "query", "-k", "many"), "-k must be a whole number, got 'many'");
        assertUsageError(run("search", "query", "-k", "0"), "invalid -k: must lie between 1 and 20, got 0");
    }

    @Test
    void useRejectsUnknownOutcome() {
        assertUsageError(run("use", "1", "--outcome", "maybe"), "invalid --outcome: must be helpful or not_helpful, got "
                + "'maybe'");
    }

    @Test
    void idMustBeNumber() {
        assertUsageError(run("show", "abc"), "ID must be a memory id, a whole number, got 'abc'");
    }

    @Test
    void badSetValueNamesFormat() {
        assertUsageError(run("--set", "foo", "list"), "--set needs KEY=VALUE, e.g. --set k=7, got 'foo'");
    }

    @Test
    void exportToFolderIsUsageError() {
        assertUsageError(run("export", "-o", home.toString()), "cannot write " + home + ": it is a folder");
        assertUsageError(run("export", "-o", home.resolve("none/x.jsonl").toString()), "folder "
                + home.resolve("none") + " does not exist");
    }

    @Test
    void unknownOptionPointsToHelp() {
        assertUsageError(run("list", "--colour"), "Unknown option: '--colour'; see 'scms list --help'");
    }

    @Test
    void exportRejectsUnknownFormat() {
        assertUsageError(run("export", "--format", "xml"), "invalid --format: must be jsonl or markdown, got 'xml'");
    }

    @Test
    void missingImportFileIsUsageError() {
        assertUsageError(run("import", home.resolve("none.md").toString()), "not found");
    }

    @Test
    void helpListsEveryMemoryCommand() {
        Run help = run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("add", "search", "list", "show", "use", "promote", "forget", "stats",
                "reindex");
    }

    @Test
    void formatFollowsExtensionUnlessGiven() {
        assertThat(ExchangeFormat.choose(null, "memories.md")).isEqualTo(ExchangeFormat.MARKDOWN);
        assertThat(ExchangeFormat.choose(null, "Notes.MARKDOWN")).isEqualTo(ExchangeFormat.MARKDOWN);
        assertThat(ExchangeFormat.choose(null, "memories.jsonl")).isEqualTo(ExchangeFormat.JSONL);
        assertThat(ExchangeFormat.choose(null, "-")).isEqualTo(ExchangeFormat.JSONL);
        assertThat(ExchangeFormat.choose(null, null)).isEqualTo(ExchangeFormat.JSONL);
        assertThat(ExchangeFormat.choose("markdown", "-")).isEqualTo(ExchangeFormat.MARKDOWN);
        assertThat(ExchangeFormat.choose("jsonl", "x.md")).isEqualTo(ExchangeFormat.JSONL);
    }

    @Test
    void exitCodesSeparateUsageFromFailure() {
        assertThat(ErrorHandler.isUsageError(new InvalidInputException("k", "bad"))).isTrue();
        assertThat(ErrorHandler.isUsageError(new InvalidInputException("memory_id", "already archived"))).isFalse();
        assertThat(ErrorHandler.isUsageError(new NotEligibleException("missing 3 uses"))).isFalse();
        assertThat(ErrorHandler.isUsageError(new MemoryNotFoundException(4))).isFalse();
        assertThat(ErrorHandler.isUsageError(new StoreBusyException("busy", null))).isFalse();
    }

    @Test
    void tableWidthNeedsNoTerminal() {
        assertThat(StoreCommand.terminalWidth()).isGreaterThanOrEqualTo(40);
        assertThatThrownBy(() -> new TextTable(java.util.List.of(), 0, java.util.Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

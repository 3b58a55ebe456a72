package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Input errors of {@code scms eval}, all raised before the embedding model loads. */
class EvalCommandTest {

    private static final String MEMORY = "{\"id\": \"m1\", \"kind\": \"bug_pattern\", \"text\": \"SQLite database is "
            + "locked; enable WAL\", \"date\": \"2024-01-01\"}";
    private static final String QUERY = "{\"id\": \"q1\", \"text\": \"database is locked\", \"relevant\": [\"m1\"], "
            + "\"date\": \"2024-02-01\"}";

    @TempDir
    Path temp;

    private Path memories;
    private Path queries;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeDataset() throws Exception {
        memories = Files.writeString(temp.resolve("memories.jsonl"), MEMORY + "\n");
        queries = Files.writeString(temp.resolve("queries.jsonl"), QUERY + "\n");
    }

    @Test
    void unknownPresetNamesValueAndValidNames() {
        assertThat(eval("--preset", "full,fast")).isEqualTo(ErrorHandler.USAGE);
        assertThat(err.toString()).contains("unknown preset 'fast'").contains("valid presets: semantic, semantic+lex");
    }

    @Test
    void setWithoutEqualsSignIsUsageError() {
        assertThat(eval("--set", "lexical_weight")).isEqualTo(ErrorHandler.USAGE);
        assertThat(err.toString()).contains("--set").contains("lexical_weight");
    }

    @Test
    void setWithUnknownKeyListsKnownKeys() {
        assertThat(eval("--set", "nosuch=1")).isEqualTo(ErrorHandler.USAGE);
        assertThat(err.toString()).contains("unknown setting 'nosuch' in --set").contains("lexical_weight");
    }

    @Test
    void setWithInvalidValueNamesSettingAndValue() {
        assertThat(eval("--set", "lexical_weight=2")).isEqualTo(ErrorHandler.USAGE);
        assertThat(err.toString()).contains("invalid setting lexical_weight").contains("'2'");
    }

    @Test
    void generatedDistractorsOutsideRangeAreRejected() {
        assertThat(eval("--generate-distractors", "100001")).isEqualTo(ErrorHandler.USAGE);
        assertThat(err.toString()).contains("--generate-distractors must lie between 1 and 100000, got 100001");
    }

    @Test
    void kOutsideRangeIsRejected() {
        assertThat(eval("--k", "0")).isEqualTo(ErrorHandler.USAGE);
        assertThat(err.toString()).contains("--k must lie between 1 and 20, got 0");
    }

    @Test
    void missingFileNamesPathAndOption() {
        Path missing = temp.resolve("nope.jsonl");

        assertThat(run("eval", "--home", temp.resolve("home").toString(), "--memories", missing.toString(),
                "--queries", queries.toString())).isEqualTo(ErrorHandler.USAGE);
        assertThat(err.toString()).contains("file " + missing + " given to --memories not found");
    }

    @Test
    void badMemoryLineNamesFileAndLine() throws Exception {
        Files.writeString(memories, MEMORY + "\n{\"kind\": \"pattern\", \"text\": \n");

        assertThat(eval()).isEqualTo(ErrorHandler.USAGE);
        assertThat(err.toString()).contains(memories + " line 2: not valid JSON");
    }

    @Test
    void badQueryLineNamesFileAndLine() throws Exception {
        Files.writeString(queries, QUERY + "\n" + QUERY.replace("\"relevant\": [\"m1\"], ", "") + "\n");

        assertThat(eval()).isEqualTo(ErrorHandler.USAGE);
        assertThat(err.toString()).contains(queries + " line 2: a query needs a non-empty 'text' and a non-empty "
                + "'relevant' list");
    }

    @Test
    void unknownRelevantIdIsRejected() throws Exception {
        Files.writeString(queries, QUERY.replace("m1", "m9") + "\n");

        assertThat(eval()).isEqualTo(ErrorHandler.USAGE);
        assertThat(err.toString()).contains("lists the relevant id 'm9', which no memory in " + memories + " has");
    }

    @Test
    void scaleNeedsDistractorsFile() {
        assertThat(eval("--scale", "10")).isEqualTo(ErrorHandler.USAGE);
        assertThat(err.toString()).contains("--scale 10 needs --distractors FILE");
    }

    @Test
    void generateWritesWorkload() {
        Path folder = temp.resolve("workload");

        assertThat(run("eval", "generate", "--out", folder.toString(), "--memories", "50", "--sessions", "20"))
                .isZero();
        assertThat(out.toString()).startsWith("Wrote 50 memories and ");
        assertThat(folder.resolve("memories.jsonl")).exists();
        assertThat(folder.resolve("queries.jsonl")).exists();
        assertThat(folder.resolve("README.md")).exists();
    }

    @Test
    void generateRefusesFolderOfRealDataset() throws Exception {
        Files.writeString(temp.resolve("README.md"), "# Development evaluation set\n");

        assertThat(run("eval", "generate", "--out", temp.toString())).isEqualTo(ErrorHandler.USAGE);
        assertThat(err.toString()).contains("already contains memories.jsonl, which scms eval generate did not write");
        assertThat(Files.readString(temp.resolve("README.md"))).isEqualTo("# Development evaluation set\n");
    }

    @Test
    void generateRejectsBadStartDate() {
        assertThat(run("eval", "generate", "--out", temp.resolve("w").toString(), "--start", "2024-13-01"))
                .isEqualTo(ErrorHandler.USAGE);
        assertThat(err.toString()).contains("--start must be a date written YYYY-MM-DD, got '2024-13-01'");
    }

    @Test
    void evalWithoutFilesPointsToGenerate() {
        assertThat(run("eval", "--home", temp.resolve("home").toString())).isEqualTo(ErrorHandler.USAGE);
        assertThat(err.toString()).contains("scms eval needs --memories FILE and --queries FILE")
                .contains("scms eval generate --out DIR");
    }

    private int eval(String... extra) {
        List<String> args = new ArrayList<>(List.of("eval", "--home", temp.resolve("home").toString(), "--memories",
                memories.toString(), "--queries", queries.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private int run(String... args) {
        return new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler(new ErrorHandler()).execute(args);
    }
}

package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code scms context --hook claude} from the built jar as Claude Code would: hook input on
 * stdin, a real SQLite file with a few memories embedded by the real model, the output on stdout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContextHookIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    private Path home;
    private Path project;

    @BeforeAll
    void storeMemories() throws Exception {
        home = temp.resolve("home");
        project = Files.createDirectory(temp.resolve("shop")).toRealPath();
        String key = project.toString().replace('\\', '/');
        Path lessons = Files.writeString(temp.resolve("lessons.jsonl"), String.join("\n",
                line("rule", "Run the formatter", "Run mvn spotless:apply before every commit.", key),
                line("bug_pattern", "SQLite database is locked", "Readers block the writer and writes fail with "
                        + "database is locked. Cause: rollback journal. Fix: enable WAL journal mode.", ""),
                line("pattern", "Pin the JDK on CI", "Configure a Gradle toolchain so CI builds with JDK 17.", ""))
                + "\n");
        Result imported = run(List.of("import", lessons.toString()), "", home);
        assertThat(imported.exitCode()).as(imported.stderr()).isZero();
    }

    private static String line(String kind, String title, String text, String projectKey) {
        String scope = projectKey.isEmpty() ? "" : ",\"project\":\"" + projectKey + "\"";
        return "{\"kind\":\"" + kind + "\",\"title\":\"" + title + "\",\"text\":\"" + text + "\"" + scope + "}";
    }

    private String hookInput(String event, String extra) {
        return "{\"session_id\":\"it-session\",\"transcript_path\":\"/tmp/t.jsonl\",\"cwd\":\""
                + project.toString().replace("\\", "\\\\") + "\",\"permission_mode\":\"default\","
                + "\"hook_event_name\":\"" + event + "\"" + extra + "}";
    }

    @Test
    void userPromptSubmitAddsRulesAndRankedPatterns() throws Exception {
        Result result = hook(hookInput("UserPromptSubmit", ",\"prompt\":\"writes fail with database is locked\""),
                "--timeout-ms", "60000");

        assertThat(result.exitCode()).isZero();
        JsonNode output = singleJsonLine(result.stdout());
        assertThat(output.at("/hookSpecificOutput/hookEventName").asText()).isEqualTo("UserPromptSubmit");
        String context = output.at("/hookSpecificOutput/additionalContext").asText();
        assertThat(context).contains("Run the formatter").contains("SQLite database is locked")
                .contains("(hybrid)").contains("Known pitfall").contains("retrieval_id");
        assertThat(context).doesNotContain("Pin the JDK");
        assertThat(count("SELECT COUNT(*) FROM retrievals WHERE session = 'it-session'")).isPositive();
        assertThat(count("SELECT SUM(helpful_count) + SUM(unhelpful_count) FROM memories")).isZero();
    }

    @Test
    void sessionStartAddsTheRules() throws Exception {
        Result result = hook(hookInput("SessionStart", ",\"source\":\"startup\""));

        assertThat(result.exitCode()).isZero();
        JsonNode output = singleJsonLine(result.stdout());
        assertThat(output.at("/hookSpecificOutput/hookEventName").asText()).isEqualTo("SessionStart");
        assertThat(output.at("/hookSpecificOutput/additionalContext").asText()).contains("Run the formatter");
    }

    @Test
    void shortTimeoutRanksLexically() throws Exception {
        Result result = hook(hookInput("UserPromptSubmit", ",\"prompt\":\"database is locked\""), "--timeout-ms", "0");

        assertThat(result.exitCode()).isZero();
        String context = singleJsonLine(result.stdout()).at("/hookSpecificOutput/additionalContext").asText();
        assertThat(context).contains("(lexical)").contains("SQLite database is locked");
    }

    @Test
    void garbageInputGivesExitZeroAndNoOutput() throws Exception {
        for (String input : List.of("", "not json", "[1]", "{\"hook_event_name\":\"Stop\"}", "\u0000\u00ff")) {
            Result result = hook(input);

            assertThat(result.exitCode()).as(input).isZero();
            assertThat(result.stdout()).as(input).isEmpty();
            assertThat(result.stderr()).as(input).startsWith("scms context: ");
        }
    }

    @Test
    void invalidUtf8GivesExitZero() throws Exception {
        byte[] bytes = hookInput("UserPromptSubmit", ",\"prompt\":\"database is locked \u00e9\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[bytes.length + 2];
        System.arraycopy(bytes, 0, broken, 0, bytes.length - 2);
        broken[bytes.length - 2] = (byte) 0xC3;
        broken[bytes.length - 1] = (byte) 0x28;
        System.arraycopy(bytes, bytes.length - 2, broken, bytes.length, 2);

        Result result = run(List.of("context", "--hook", "claude", "--timeout-ms", "0"), broken, home);

        assertThat(result.exitCode()).isZero();
        assertThat(singleJsonLine(result.stdout()).at("/hookSpecificOutput/hookEventName").asText())
                .isEqualTo("UserPromptSubmit");
    }

    @Test
    void invalidOptionsGiveExitZeroAndNoOutput() throws Exception {
        Result badOption = hook(hookInput("SessionStart", ""), "--no-such-option");
        Result badClient = run(List.of("context", "--hook", "cursor"), hookInput("SessionStart", ""), home);
        Result badNumber = hook(hookInput("SessionStart", ""), "-k", "many");

        for (Result result : List.of(badOption, badClient, badNumber)) {
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout()).isEmpty();
        }
    }

    @Test
    void missingDatabaseGivesExitZeroAndNoOutput() throws Exception {
        Result result = run(List.of("context", "--hook", "claude"), hookInput("UserPromptSubmit",
                ",\"prompt\":\"database is locked\""), temp.resolve("empty-home"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("does not exist");
        assertThat(temp.resolve("empty-home").resolve("scms.db")).doesNotExist();
    }

    @Test
    void plainCommandPrintsJson() throws Exception {
        Result result = run(List.of("context", "--project", project.toString(), "--query", "database is locked",
                "--json", "--timeout-ms", "60000"), "", home);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode block = JSON.readTree(result.stdout());
        assertThat(block.get("mode").asText()).isEqualTo("hybrid");
        assertThat(block.at("/rules/0/title").asText()).isEqualTo("Run the formatter");
        assertThat(block.at("/patterns/0/title").asText()).isEqualTo("SQLite database is locked");
        assertThat(result.stdout()).doesNotContain("null");
    }

    private static JsonNode singleJsonLine(String stdout) throws IOException {
        List<String> lines = stdout.lines().toList();
        assertThat(lines).hasSize(1);
        return JSON.readTree(lines.get(0));
    }

    private long count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("scms.db"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.getLong(1);
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result hook(String input, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("context", "--hook", "claude"));
        args.addAll(List.of(options));
        return run(args, input, home);
    }

    private Result run(List<String> args, String stdin, Path scmsHome) throws Exception {
        return run(args, stdin.getBytes(StandardCharsets.UTF_8), scmsHome);
    }

    private Result run(List<String> args, byte[] stdin, Path scmsHome) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-XX:+UseSerialGC", "-jar", ServerProcess.jar().toString()));
        command.addAll(args);
        Path stderr = Files.createTempFile(temp, "stderr", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile()).directory(temp.toFile());
        builder.environment().putAll(Map.of("SCMS_HOME", scmsHome.toString()));
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        }
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), stdout, Files.readString(stderr));
    }
}

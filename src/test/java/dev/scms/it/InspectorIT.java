package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code scripts/inspect}, which drives the real server process with the official MCP
 * Inspector CLI from npm, and checks that every tool, resource, resource template and prompt shows
 * up in what the Inspector printed. It needs Node.js and npm, and the script installs the Inspector.
 */
class InspectorIT {

    private static final List<String> TOOLS = List.of("retrieve_memories", "record_use", "promote", "log_failure",
            "remember", "forget", "memory_stats");

    @TempDir
    static Path temp;

    @BeforeAll
    static void requireNode() throws Exception {
        Process probe = new ProcessBuilder("bash", "-c", "command -v node && command -v npm").redirectErrorStream(true)
                .start();
        probe.getInputStream().readAllBytes();
        assumeTrue(probe.waitFor() == 0, "node or npm not found: install Node.js 20 or newer to run the MCP Inspector");
    }

    @Test
    void inspectorListsAndCallsEveryToolResourceAndPrompt() throws Exception {
        Result result = inspect();

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("=== inspect: 18 steps, 0 failed");
        for (String tool : TOOLS) {
            assertThat(result.output()).contains("\"name\": \"" + tool + "\"").contains("tools/call " + tool);
        }
        for (String uri : List.of("scms://rules", "scms://stats", "scms://session")) {
            assertThat(result.output()).contains("\"uri\": \"" + uri + "\"");
        }
        for (String template : List.of("scms://rules/{project}", "scms://stats/{project}")) {
            assertThat(result.output()).contains("\"uriTemplate\": \"" + template + "\"");
        }
        for (String prompt : List.of("session_start", "failure_review")) {
            assertThat(result.output()).contains("\"name\": \"" + prompt + "\"");
        }
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs the script on the jar under test, with stdout and stderr in one stream, in order. */
    private static Result inspect(String... options) throws Exception {
        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("scripts/inspect").toString(), "--jar",
                ServerProcess.jar().toString()));
        command.addAll(List.of(options));
        Path log = Files.createTempFile(temp, "inspect", ".log");
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("scripts/inspect finished within 10 minutes").isTrue();
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}

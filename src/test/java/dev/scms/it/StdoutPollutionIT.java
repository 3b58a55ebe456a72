package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real server with every log and JVM output it can be made to write, and checks that
 * stdout, from its first byte, carries JSON-RPC messages only. The three starts took 7 s
 * in total on 2 cores. Every case starts the server
 * with the JVM flags of {@code scripts/scms}, because flags such as
 * {@code -XX:+PrintCommandLineFlags} write to stdout unless {@code -XX:+DisplayVMOutputToStderr}
 * is given.
 */
class StdoutPollutionIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Flags that {@code scripts/scms} passes to the server. */
    private static final List<String> LAUNCHER_FLAGS = List.of("-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:+DisplayVMOutputToStderr", "-XX:+UseSerialGC", "-Xms64m", "-Xmx1g", "-XX:MinHeapFreeRatio=5",
            "-XX:MaxHeapFreeRatio=20", "--add-modules=jdk.incubator.vector");

    /** JVM output that goes to stdout by default, set through the variable the JVM reads first. */
    private static final String VERBOSE_JVM = "-verbose:gc -verbose:class -XX:+PrintCommandLineFlags "
            + "-XX:+PrintFlagsFinal -Djava.util.logging.ConsoleHandler.level=ALL";

    private static final String REQUESTS = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"pollution","version":"1"}}}
            {"jsonrpc":"2.0","method":"notifications/initialized"}
            {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"remember","arguments":\
            {"text":"Pass the build folder property so that parallel Maven builds do not collide",\
            "kind":"pattern"}}}
            {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"retrieve_memories",\
            "arguments":{"query":"parallel maven build folder"}}}
            """;

    /**
     * A Logback configuration at TRACE whose only appender targets {@code System.out}, with
     * Logback's own status messages switched on. No user's logging file can ask for more output.
     */
    private static final String TRACE_TO_SYSTEM_OUT = """
            <configuration debug="true">
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <target>System.out</target>
                <encoder><pattern>%level %logger - %msg%n</pattern></encoder>
              </appender>
              <root level="TRACE"><appender-ref ref="OUT"/></root>
            </configuration>
            """;

    @TempDir
    Path folder;

    @Test
    void traceLoggingAndVerboseJvmStayOffStdout() throws Exception {
        Path config = Files.writeString(folder.resolve("trace.xml"), TRACE_TO_SYSTEM_OUT);

        Run run = serve(List.of("-Dlogback.configurationFile=" + config), Map.of("JAVA_TOOL_OPTIONS", VERBOSE_JVM));

        assertOnlyJsonRpc(run.stdout());
        assertThat(replyIds(run.stdout())).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(replyIds(run.stdout()).get(0)).as("first message is the initialize reply").isEqualTo(1);
        assertThat(run.stdout()).doesNotContain("\"isError\":true");
        assertThat(run.stderr()).contains("TRACE ").contains("DEBUG ").contains("[Global flags]")
                .contains("-XX:+PrintCommandLineFlags");
    }

    @Test
    void failedModelLoadStaysOffStdout() throws Exception {
        // An empty folder as ONNX Runtime's native library path makes the model fail to load.
        Path empty = Files.createDirectories(folder.resolve("no-native-library"));

        Run run = serve(List.of("-Donnxruntime.native.path=" + empty), Map.of("JAVA_TOOL_OPTIONS", VERBOSE_JVM));

        assertOnlyJsonRpc(run.stdout());
        assertThat(replyIds(run.stdout())).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(run.stderr()).contains("failed to load");
        assertThat(run.stdout()).contains("Answered from full-text search only")
                .contains("failed to load");
        try (var logs = Files.list(folder.resolve("home").resolve("logs"))) {
            String log = Files.readString(logs.findFirst().orElseThrow(), StandardCharsets.UTF_8);
            assertThat(log).contains("ERROR").contains("Embedding model all-minilm-l6-v2-q failed to load");
        }
    }

    @Test
    void unreadableDatabaseWritesNothingToStdout() throws Exception {
        Path home = Files.createDirectories(folder.resolve("home"));
        Files.write(home.resolve("scms.db"), "not a database, but long enough to be read as one".repeat(100)
                .getBytes(StandardCharsets.UTF_8));

        Run run = serve(home, List.of(), Map.of("JAVA_TOOL_OPTIONS", VERBOSE_JVM));

        assertThat(run.stdout()).isEmpty();
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("scms.db");
    }

    private Run serve(List<String> jvmOptions, Map<String, String> environment) throws Exception {
        return serve(Files.createDirectories(folder.resolve("home")), jvmOptions, environment);
    }

    /** Runs the server on {@link #REQUESTS}, closes stdin after the last reply, and returns all it wrote. */
    private Run serve(Path home, List<String> jvmOptions, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(LAUNCHER_FLAGS);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", ServerProcess.jar().toString(), "serve"));
        Path stdout = folder.resolve("stdout.bin");
        Path stderr = folder.resolve("stderr.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().put("SCMS_HOME", home.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(REQUESTS.getBytes(StandardCharsets.UTF_8));
            in.flush();
            awaitReply(process, stdout, 3);
        } catch (IOException e) {
            // The server exited before reading all requests, which the database case expects.
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("server exited").isTrue();
        return new Run(Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr,
                StandardCharsets.UTF_8), process.exitValue());
    }

    /** Waits until stdout contains the reply with {@code id}, or the process has exited. */
    private static void awaitReply(Process process, Path stdout, int id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (replyIds(Files.readString(stdout, StandardCharsets.UTF_8)).contains(id)) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static List<Integer> replyIds(String stdout) throws IOException {
        List<Integer> ids = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (!line.isBlank() && line.endsWith("}")) {
                JsonNode message = JSON.readTree(line);
                if (message.has("id")) {
                    ids.add(message.get("id").asInt());
                }
            }
        }
        return ids;
    }

    /** Checks that stdout starts with a JSON object and that every line is a JSON-RPC 2.0 message. */
    private static void assertOnlyJsonRpc(String stdout) throws IOException {
        assertThat(stdout).startsWith("{").endsWith("\n");
        for (String line : stdout.split("\n")) {
            JsonNode message = JSON.readTree(line);
            assertThat(message.isObject()).as("line is a JSON object: %s", line).isTrue();
            assertThat(message.path("jsonrpc").asText()).as("jsonrpc member of %s", line).isEqualTo("2.0");
        }
    }

    private record Run(String stdout, String stderr, int exitCode) {
    }
}

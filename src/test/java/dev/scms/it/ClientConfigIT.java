package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the server with the command of each entry of {@code mcp-config.json}, the placeholder
 * paths replaced by this checkout, and completes an MCP initialize and tools/list through the MCP
 * Java SDK's client. The Windows entries run {@code java} with the built jar.
 */
class ClientConfigIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNIX_CHECKOUT = "/path/to/scms";
    private static final String WINDOWS_JAR = "C:\\path\\to\\scms\\target\\scms.jar";
    private static final String UNIX_PROJECT = "/path/to/your/project";
    private static final String WINDOWS_PROJECT = "C:\\path\\to\\your\\project";
    /** JVM flags of the Java entries, as the doctor prints them. */
    private static final List<String> JVM_FLAGS = List.of("-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:+DisplayVMOutputToStderr", "-XX:+UseSerialGC", "-Xms64m", "-Xmx1g", "-XX:MinHeapFreeRatio=5",
            "-XX:MaxHeapFreeRatio=20", "--add-modules=jdk.incubator.vector");
    private static final List<String> CLIENTS = List.of("claude-code", "claude-desktop", "cursor", "windsurf",
            "vscode");

    @TempDir
    static Path temp;

    private static Path root;
    private static JsonNode config;

    @BeforeAll
    static void readConfigAndBuild() throws Exception {
        root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        config = JSON.readTree(Files.readString(root.resolve("mcp-config.json"), StandardCharsets.UTF_8));
        // scripts/scms builds target/scms.jar when it is stale. Building here keeps that build out of
        // the clients' initialize timeout below.
        Process build = new ProcessBuilder(root.resolve("scripts/scms").toString(), "--version")
                .directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(build.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(build.exitValue()).as(output).isZero();
    }

    @Test
    void configNamesEveryClientWithBothShapes() {
        assertThat(config.properties()).extracting(Map.Entry::getKey).containsExactlyElementsOf(CLIENTS);
        for (String client : CLIENTS) {
            List<String> shapes = new ArrayList<>();
            config.get(client).fieldNames().forEachRemaining(shapes::add);
            assertThat(shapes).as(client).hasSize(2).contains("windows")
                    .containsAnyOf("macos-linux", "macos");
        }
    }

    @Test
    void everyEntryHasTheClientsShape() {
        forEachEntry((client, shape, entry) -> {
            String where = client + "." + shape;
            String serversKey = client.equals("vscode") ? "servers" : "mcpServers";
            JsonNode file = config.get(client).get(shape);
            assertThat(file.size()).as(where).isEqualTo(1);
            assertThat(file.has(serversKey)).as(where + " has " + serversKey).isTrue();
            assertThat(entry.get("command").isTextual()).as(where).isTrue();
            assertThat(entry.get("env").isObject()).as(where).isTrue();
            entry.get("args").forEach(arg -> assertThat(arg.isTextual()).as(where).isTrue());
            if (client.equals("vscode")) {
                assertThat(entry.path("type").asText()).as(where).isEqualTo("stdio");
            }
            if (shape.equals("windows")) {
                assertThat(entry.get("command").asText()).as(where).isEqualTo("java");
                List<String> expected = new ArrayList<>(JVM_FLAGS);
                expected.addAll(List.of("-jar", WINDOWS_JAR, "serve"));
                assertThat(arguments(entry)).as(where).containsExactlyElementsOf(expected);
            } else {
                assertThat(entry.get("command").asText()).as(where).isEqualTo(UNIX_CHECKOUT + "/scripts/scms");
                assertThat(arguments(entry)).as(where).containsExactly("serve");
            }
        });
    }

    /**
     * Compares the launcher's {@code jvm} and {@code serve_jvm} arrays with the Java entries' flags,
     * leaving out the crash-report path and the {@code -D} encodings, which the Java entries do without.
     */
    @Test
    void launcherScriptPassesEntryFlags() throws Exception {
        String script = Files.readString(root.resolve("scripts/scms"), StandardCharsets.UTF_8);
        Matcher array = Pattern.compile("(?m)^jvm=\\(([^)]*)\\)").matcher(script);
        assertThat(array.find()).as("jvm=( ... ) in scripts/scms").isTrue();
        Matcher serve = Pattern.compile("(?m)^serve_jvm=\\(([^)]*)\\)").matcher(script);
        assertThat(serve.find()).as("serve_jvm=( ... ) in scripts/scms").isTrue();
        List<String> flags = new ArrayList<>();
        for (String word : (array.group(1).trim() + " " + serve.group(1).trim()).split("\\s+")) {
            if (!word.startsWith("-D") && !word.startsWith("-XX:ErrorFile=")) {
                flags.add(word);
            }
        }

        assertThat(flags).containsExactlyElementsOf(JVM_FLAGS);
    }

    @Test
    void everyEntryStartsTheServer() throws Exception {
        Path project = Files.createDirectories(temp.resolve("project"));
        forEachEntry((client, shape, entry) -> {
            List<String> command = new ArrayList<>();
            command.add(entry.get("command").asText().replace(UNIX_CHECKOUT, root.toString()));
            for (String arg : arguments(entry)) {
                command.add(arg.equals(WINDOWS_JAR) ? ServerProcess.jar().toString() : arg);
            }
            Map<String, String> environment = new LinkedHashMap<>();
            entry.get("env").properties().forEach(variable -> environment.put(variable.getKey(),
                    localProject(variable.getValue().asText(), project)));
            environment.put("SCMS_HOME", temp.resolve("home-" + client + "-" + shape).toString());

            assertThat(listTools(command, environment)).as(client + "." + shape).containsExactlyInAnyOrder(
                    "retrieve_memories", "record_use", "promote", "log_failure", "remember", "forget",
                    "memory_stats");
        });
    }

    private interface EntryCheck {
        void check(String client, String shape, JsonNode entry) throws Exception;
    }

    private static void forEachEntry(EntryCheck check) {
        for (String client : CLIENTS) {
            config.get(client).properties().forEach(shape -> {
                JsonNode servers = shape.getValue().has("servers") ? shape.getValue().get("servers")
                        : shape.getValue().path("mcpServers");
                try {
                    check.check(client, shape.getKey(), servers.get("scms"));
                } catch (Exception e) {
                    throw new AssertionError(client + "." + shape.getKey() + " failed: " + e, e);
                }
            });
        }
    }

    private static List<String> arguments(JsonNode entry) {
        List<String> arguments = new ArrayList<>();
        entry.get("args").forEach(arg -> arguments.add(arg.asText()));
        return arguments;
    }

    private static String localProject(String value, Path project) {
        return value.equals(UNIX_PROJECT) || value.equals(WINDOWS_PROJECT) ? project.toString() : value;
    }

    private static List<String> listTools(List<String> command, Map<String, String> environment) {
        ServerParameters.Builder parameters = ServerParameters.builder(command.get(0))
                .args(command.subList(1, command.size()).toArray(String[]::new));
        environment.forEach(parameters::addEnvVar);
        StdioClientTransport transport = new StdioClientTransport(parameters.build(), McpJsonDefaults.getMapper());
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60)).build();
        try {
            client.initialize();
            return client.listTools().tools().stream().map(Tool::name).toList();
        } finally {
            client.closeGracefully();
        }
    }
}

package dev.scms.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real server process from the built jar, driven by the MCP Java SDK's client over stdio.
 * Everything the server writes to stdout is also copied to a file, so tests can check that
 * stdout carried JSON-RPC and nothing else.
 */
final class ServerProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final McpSyncClient client;
    private final Path stdoutCopy;
    private final List<String> stderr;

    private ServerProcess(McpSyncClient client, Path stdoutCopy, List<String> stderr) {
        this.client = client;
        this.stdoutCopy = stdoutCopy;
        this.stderr = stderr;
    }

    /** Returns the built jar; the failsafe plugin passes its path, and the package phase builds it. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("scms.jar", "target/scms.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("jar " + jar + " not found; run mvn package first");
        }
        return jar.toAbsolutePath();
    }

    /** Starts the server with its data in {@code home} and {@code workingFolder} as the client's root. */
    // Roots are deprecated in the SDK (2.2.0) but still how clients such as Claude Code name their folder.
    @SuppressWarnings("deprecation")
    static ServerProcess start(Path home, Path workingFolder, Map<String, String> environment) throws IOException {
        Path stdoutCopy = home.resolve("stdout.jsonl");
        Files.createDirectories(home);
        String command = "exec java -Xlog:disable -Xlog:all=warning:stderr -XX:+UseSerialGC -jar '" + jar()
                + "' serve | tee '" + stdoutCopy + "'";
        ServerParameters.Builder parameters = ServerParameters.builder("bash").args("-c", "cd '" + workingFolder
                + "' && " + command).addEnvVar("SCMS_HOME", home.toString());
        environment.forEach(parameters::addEnvVar);
        StdioClientTransport transport = new StdioClientTransport(parameters.build(), McpJsonDefaults.getMapper());
        List<String> stderr = java.util.Collections.synchronizedList(new ArrayList<>());
        transport.setStdErrorHandler(stderr::add);
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60))
                .capabilities(McpSchema.ClientCapabilities.builder().roots(true).build())
                .roots(new McpSchema.Root(workingFolder.toUri().toString(), "project"))
                .build();
        return new ServerProcess(client, stdoutCopy, stderr);
    }

    McpSyncClient client() {
        return client;
    }

    CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
    }

    /** Calls a tool that must succeed and returns its structured content. */
    Map<String, Object> ok(String tool, Map<String, Object> arguments) {
        CallToolResult result = call(tool, arguments);
        if (Boolean.TRUE.equals(result.isError())) {
            throw new AssertionError(tool + " failed: " + text(result));
        }
        return structured(result);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    List<String> stderr() {
        return List.copyOf(stderr);
    }

    /** Returns every line the server wrote to stdout, parsed as JSON; fails on a line that is not. */
    List<JsonNode> stdoutMessages() throws IOException {
        List<JsonNode> messages = new ArrayList<>();
        for (String line : Files.readAllLines(stdoutCopy, StandardCharsets.UTF_8)) {
            if (line.isEmpty()) {
                continue;
            }
            messages.add(JSON.readTree(line));
        }
        return messages;
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}

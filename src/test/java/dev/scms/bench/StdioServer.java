package dev.scms.bench;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server process started by the MCP Java SDK's stdio client transport, with the time of the
 * start and of the {@code initialize} reply, and the resident memory of the process.
 */
final class StdioServer implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final McpSyncClient client;
    private final long startNanos;
    private final double initializeMillis;
    private final List<String> stderr;
    private final String marker;

    private StdioServer(McpSyncClient client, long startNanos, double initializeMillis, List<String> stderr,
            String marker) {
        this.client = client;
        this.startNanos = startNanos;
        this.initializeMillis = initializeMillis;
        this.stderr = stderr;
        this.marker = marker;
    }

    /**
     * Starts {@code command} with {@code environment} added to this process's environment and
     * waits for the {@code initialize} reply. {@code marker} is a word of the server's command
     * line that finds its process among this JVM's children, for {@link #residentKilobytes}.
     */
    static StdioServer start(List<String> command, Map<String, String> environment, String marker) {
        long start = System.nanoTime();
        ServerParameters.Builder parameters = ServerParameters.builder(command.get(0))
                .args(command.subList(1, command.size()));
        environment.forEach(parameters::addEnvVar);
        StdioClientTransport transport = new StdioClientTransport(parameters.build(), McpJsonDefaults.getMapper());
        List<String> stderr = Collections.synchronizedList(new ArrayList<>());
        transport.setStdErrorHandler(stderr::add);
        McpSyncClient client = McpClient.sync(transport).requestTimeout(TIMEOUT).initializationTimeout(TIMEOUT)
                .build();
        client.initialize();
        double initialize = millisSince(start);
        return new StdioServer(client, start, initialize, stderr, marker);
    }

    double initializeMillis() {
        return initializeMillis;
    }

    double millisSinceStart() {
        return millisSince(startNanos);
    }

    CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
    }

    /** Sends a {@code ping}, whose round trip is the floor of any request through this client and server. */
    void ping() {
        client.ping();
    }

    /** Returns the last lines the server wrote to stderr, for error messages. */
    String stderrTail() {
        synchronized (stderr) {
            return String.join("\n", stderr.subList(Math.max(0, stderr.size() - 20), stderr.size()));
        }
    }

    /** Reads VmRSS from /proc/PID/status of the server process (not of a wrapper shell), in kilobytes. */
    long residentKilobytes() throws IOException {
        ProcessHandle server = process().orElseThrow(() -> new IllegalStateException("no child process whose "
                + "command line contains '" + marker + "'"));
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(server.pid()), "status"),
                StandardCharsets.UTF_8)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS line in /proc/" + server.pid() + "/status");
    }

    private Optional<ProcessHandle> process() {
        return ProcessHandle.current().descendants()
                .filter(handle -> handle.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .filter(handle -> !handle.info().command().orElse("").endsWith("bash"))
                .max(Comparator.comparing(handle -> handle.info().startInstant().orElse(Instant.EPOCH)));
    }

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}

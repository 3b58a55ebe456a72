package dev.scms.it;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real server process from the built jar, started with {@code scms serve --http} on a free
 * loopback port, and clients for it: the MCP Java SDK's Streamable HTTP client and raw requests.
 */
final class HttpServerProcess implements AutoCloseable {

    static final String READY_LINE = "serving MCP over Streamable HTTP at ";
    /** Bound on the wait for the server to listen, only so that a broken start cannot hang the build. */
    private static final long START_WAIT_MINUTES = 2;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Thread stderrReader;
    private final List<String> stderr;
    private final URI endpoint;
    private final List<McpSyncClient> clients = Collections.synchronizedList(new ArrayList<>());

    private HttpServerProcess(Process process, Thread stderrReader, List<String> stderr, URI endpoint) {
        this.process = process;
        this.stderrReader = stderrReader;
        this.stderr = stderr;
        this.endpoint = endpoint;
    }

    /** Returns a port that was free a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts {@code scms serve --http <address> <extra>} in {@code folder} on {@code database} and
     * waits until it listens.
     */
    static HttpServerProcess start(Path folder, Path database, String address, String... extra) throws Exception {
        Process process = launch(folder, database, address, extra);
        List<String> stderr = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ready = new CountDownLatch(1);
        String[] url = new String[1];
        Thread reader = new Thread(() -> readStderr(process, stderr, ready, url), "scms-http-it-stderr");
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(START_WAIT_MINUTES, TimeUnit.MINUTES) || url[0] == null) {
            process.destroyForcibly();
            throw new IllegalStateException("server did not start listening; stderr:\n" + String.join("\n", stderr));
        }
        return new HttpServerProcess(process, reader, stderr, URI.create(url[0]));
    }

    /** Starts the process without waiting for it, for tests of a start that must fail. */
    static Process launch(Path folder, Path database, String address, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-XX:+UseSerialGC", "-jar", ServerProcess.jar().toString(), "serve", "--http", address));
        command.addAll(List.of(extra));
        Files.createDirectories(folder.resolve("server-home"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().put("SCMS_HOME", folder.resolve("server-home").toString());
        builder.environment().put("SCMS_DB", database.toString());
        builder.redirectOutput(folder.resolve("server-stdout.log").toFile());
        return builder.start();
    }

    private static void readStderr(Process process, List<String> stderr, CountDownLatch ready, String[] url) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                stderr.add(line);
                int at = line.indexOf(READY_LINE);
                if (at >= 0 && url[0] == null) {
                    url[0] = line.substring(at + READY_LINE.length()).split(",")[0].strip();
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            stderr.add("reading stderr failed: " + e);
        } finally {
            ready.countDown();
        }
    }

    URI endpoint() {
        return endpoint;
    }

    List<String> stderr() {
        return List.copyOf(stderr);
    }

    Process process() {
        return process;
    }

    /** Returns an initialized MCP client that sends {@code token} as its bearer token. */
    McpSyncClient client(String token) {
        String base = endpoint.getScheme() + "://" + endpoint.getAuthority();
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint(endpoint.getPath())
                .addHttpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization",
                        "Bearer " + token))
                .build();
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60))
                .build();
        clients.add(client);
        client.initialize();
        return client;
    }

    /** Sends one POST to the endpoint with the given headers and body, and returns the response. */
    HttpResponse<String> post(Map<String, String> headers, String body) {
        return send("POST", HttpRequest.BodyPublishers.ofString(body), headers, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends one DELETE to the endpoint with the given headers, and returns the response. */
    HttpResponse<String> delete(Map<String, String> headers) {
        return send("DELETE", HttpRequest.BodyPublishers.noBody(), headers, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends one request with any method, headers and body, and returns the response. The given
     * headers replace the default Content-Type and Accept; an empty value removes nothing.
     */
    HttpResponse<String> request(String method, Map<String, String> headers, byte[] body) {
        return send(method, HttpRequest.BodyPublishers.ofByteArray(body), headers,
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends one GET to the endpoint and returns the response as soon as its headers arrive. The
     * body is an event stream that stays open, so the caller closes it.
     */
    HttpResponse<java.io.InputStream> get(Map<String, String> headers) {
        return send("GET", HttpRequest.BodyPublishers.noBody(), headers, HttpResponse.BodyHandlers.ofInputStream());
    }

    private <T> HttpResponse<T> send(String method, HttpRequest.BodyPublisher body, Map<String, String> headers,
            HttpResponse.BodyHandler<T> handler) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).method(method, body)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream");
        headers.forEach(request::setHeader);
        try {
            return HTTP.send(request.build(), handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a request", e);
        }
    }

    /**
     * Sends SIGTERM with {@code kill}, as a service manager does, waits for the exit and for the
     * last stderr line, and returns the exit code. Process.destroy would close the streams first
     * and lose the lines written while the server stops.
     */
    int terminate() throws InterruptedException {
        try {
            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("sending SIGTERM to " + process.pid() + " failed", e);
        }
        boolean exited = process.waitFor(START_WAIT_MINUTES, TimeUnit.MINUTES);
        if (exited) {
            stderrReader.join(TimeUnit.MINUTES.toMillis(START_WAIT_MINUTES));
        }
        if (!exited) {
            process.destroyForcibly();
            throw new IllegalStateException("server did not exit after SIGTERM; stderr:\n" + String.join("\n",
                    stderr));
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        for (McpSyncClient client : clients) {
            try {
                client.close();
            } catch (RuntimeException e) {
                // The server may have ended the session already; closing the client is best effort.
            }
        }
        if (process.isAlive()) {
            try {
                terminate();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}

package dev.scms.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The real server process driven line by line over stdio without an MCP client library, so that
 * tests see every message exactly as the server wrote it. Each request waits for its reply. A
 * reply that arrives while another is awaited is kept for {@link #reply(Object)}, and
 * {@link #awaitReplies} collects the replies to requests sent together.
 */
final class RawSession implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long REPLY_WAIT_SECONDS = 60;
    private static final long POLL_MILLIS = 200;

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<JsonNode> received = new ArrayList<>();
    /** Replies read while waiting for another id, kept for a later wait on their own id. */
    private final List<JsonNode> unclaimed = new ArrayList<>();
    private final Thread reader;

    private RawSession(Process process) {
        this(process, process.getOutputStream());
    }

    private RawSession(Process process, OutputStream stdin) {
        this.process = process;
        this.stdin = stdin;
        this.reader = new Thread(this::readStdout, "raw-session-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code scms serve} in {@code workingFolder} with its data and its stderr.log in {@code home}. */
    static RawSession start(Path home, Path workingFolder) throws IOException {
        return start(home, workingFolder, List.of(), Map.of());
    }

    /** Starts {@code scms serve} as {@link #start(Path, Path)} does, with extra environment variables. */
    static RawSession start(Path home, Path workingFolder, Map<String, String> environment) throws IOException {
        return start(home, workingFolder, List.of(), environment);
    }

    /**
     * Starts {@code scms serve} as {@link #start(Path, Path)} does, with {@code jvmOptions} before
     * {@code -jar} and {@code environment} added to the inherited environment.
     */
    static RawSession start(Path home, Path workingFolder, List<String> jvmOptions, Map<String, String> environment)
            throws IOException {
        Files.createDirectories(home);
        List<String> command = new ArrayList<>(List.of("java", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", ServerProcess.jar().toString(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingFolder.toFile())
                .redirectError(home.resolve("stderr.log").toFile());
        builder.environment().put("SCMS_HOME", home.toString());
        builder.environment().putAll(environment);
        return new RawSession(builder.start());
    }

    /**
     * Drives a server process that the caller started, for tests that need another command line,
     * such as a shell between the test and the server, and that write to its stdin through
     * {@code stdin}, such as a named pipe.
     */
    static RawSession of(Process process, OutputStream stdin) {
        return new RawSession(process, stdin);
    }

    /** Returns the process that the test talks to, which may be a shell that started the server. */
    Process process() {
        return process;
    }

    /** Closes stdin without waiting, so that a test can time the exit. */
    void closeStdin() throws IOException {
        stdin.close();
    }

    /** Returns the JSON text of an {@code initialize} request with the given id and protocol version. */
    static String initialize(Object id, String protocolVersion) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + quoted(id) + ",\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"" + protocolVersion + "\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"conformance\",\"version\":\"1\"}}}";
    }

    /**
     * Sends {@code initialize} with id "init", waits for its reply, then sends
     * {@code notifications/initialized}. Returns the initialize reply, which the caller may check.
     */
    JsonNode handshake(String protocolVersion) throws IOException, InterruptedException {
        JsonNode reply = requestLine("init", initialize("init", protocolVersion));
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return reply;
    }

    /** Sends one line and returns without waiting, for notifications and anything else without a reply. */
    void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Writes {@code bytes} to stdin as they are, in one write, and flushes. */
    void write(byte[] bytes) throws IOException {
        stdin.write(bytes);
        stdin.flush();
    }

    /** Waits for the reply whose id equals {@code id}, in value and in JSON type, and returns it. */
    JsonNode reply(Object id) throws IOException, InterruptedException {
        return awaitReply(JSON.valueToTree(id));
    }

    /** Sends a request and returns the reply whose id equals {@code id}, in value and in JSON type. */
    JsonNode request(Object id, String method, String paramsJson) throws IOException, InterruptedException {
        send("{\"jsonrpc\":\"2.0\",\"id\":" + quoted(id) + ",\"method\":\"" + method + "\",\"params\":"
                + paramsJson + "}");
        return awaitReply(JSON.valueToTree(id));
    }

    /** Sends a full request line and returns the reply with the given id. */
    JsonNode requestLine(Object id, String line) throws IOException, InterruptedException {
        send(line);
        return awaitReply(JSON.valueToTree(id));
    }

    /**
     * Returns the replies to every id in {@code ids}, keyed by id, after all of them arrived. The
     * requests may have been sent together, so the replies may come in any order.
     */
    Map<JsonNode, JsonNode> awaitReplies(Collection<?> ids) throws IOException, InterruptedException {
        Map<JsonNode, JsonNode> replies = new HashMap<>();
        for (Object id : ids) {
            JsonNode key = JSON.valueToTree(id);
            if (!replies.containsKey(key)) {
                replies.put(key, awaitReply(key));
            }
        }
        return replies;
    }

    /** Returns every message the server wrote so far, in order. */
    List<JsonNode> received() {
        return List.copyOf(received);
    }

    /**
     * Kills the server with SIGKILL, as {@code kill -9} does, waits for it to exit and returns every
     * message it wrote before it died, including those still unread in the pipe.
     */
    List<JsonNode> kill() throws IOException, InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(REPLY_WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not exit within " + REPLY_WAIT_SECONDS + " s of SIGKILL");
        }
        reader.join(TimeUnit.SECONDS.toMillis(REPLY_WAIT_SECONDS));
        for (String line = lines.poll(); line != null; line = lines.poll()) {
            try {
                received.add(JSON.readTree(line));
            } catch (JsonProcessingException e) {
                // The kill cut this line short, so it acknowledges nothing.
            }
        }
        return received();
    }

    /** Waits for the server to exit by itself, as it does when it cannot start, and returns its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(REPLY_WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not exit within " + REPLY_WAIT_SECONDS + " s");
        }
        return process.exitValue();
    }

    private JsonNode awaitReply(JsonNode id) throws IOException, InterruptedException {
        for (JsonNode message : unclaimed) {
            if (message.get("id").equals(id)) {
                unclaimed.remove(message);
                return message;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(REPLY_WAIT_SECONDS);
        while (true) {
            String line = lines.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (line == null && !process.isAlive() && lines.isEmpty()) {
                throw new AssertionError("the server exited with code " + process.exitValue()
                        + " before replying to id " + id + "; see stderr.log in its home folder");
            }
            if (line == null && System.nanoTime() > deadline) {
                throw new AssertionError("no reply with id " + id + " within " + REPLY_WAIT_SECONDS + " s");
            }
            if (line == null) {
                continue;
            }
            JsonNode message = JSON.readTree(line);
            received.add(message);
            if (message.has("id") && message.get("id").equals(id)) {
                return message;
            }
            if (message.has("id")) {
                unclaimed.add(message);
            }
        }
    }

    private void readStdout() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("{\"reader_failed\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private static String quoted(Object id) {
        return id instanceof String text ? "\"" + text + "\"" : String.valueOf(id);
    }

    /** Closes stdin, which ends the server, and waits for the process to exit. */
    @Override
    public void close() throws IOException {
        stdin.close();
        try {
            if (!process.waitFor(REPLY_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

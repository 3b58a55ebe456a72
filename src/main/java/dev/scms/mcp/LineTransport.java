package dev.scms.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * MCP over newline-delimited JSON for the one session of a stdio server. It reads the lines that
 * {@link InputFraming} checked and writes every outgoing message through {@link ReplyTracker} as one
 * whole line under a lock, so that replies finished at the same moment on different threads are
 * all written. The SDK's own stdio transport hands concurrent replies to a sink that accepts one
 * caller at a time and dropped the others ("Failed to enqueue message") under parallel tool calls.
 */
final class LineTransport implements McpServerTransportProvider {

    private static final Logger LOG = LoggerFactory.getLogger(LineTransport.class);

    private final McpJsonMapper mapper;
    private final InputStream in;
    private final ReplyTracker out;
    private final SessionTransport transport = new SessionTransport();
    private volatile McpServerSession session;

    LineTransport(McpJsonMapper mapper, InputStream in, ReplyTracker out) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        session = factory.create(transport);
        Thread reader = new Thread(this::readLines, "scms-mcp-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Hands each line to the session; requests run on the SDK's workers, so a slow one blocks no other. */
    private void readLines() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    handle(line);
                }
            }
        } catch (IOException e) {
            LOG.debug("Reading MCP input ended: {}", e.getMessage());
        }
    }

    private void handle(String line) {
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(mapper, line);
        } catch (IOException | IllegalArgumentException e) {
            // InputFraming replies to malformed lines itself, so this only logs a line that still fails to parse.
            LOG.warn("Ignoring an MCP message that does not parse: {}", e.getMessage());
            return;
        }
        session.handle(message).subscribe(null, failure -> LOG.warn("Handling an MCP message failed: {}",
                failure.getMessage()));
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        McpServerSession current = session;
        return current == null ? Mono.empty() : current.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        McpServerSession current = session;
        return current == null ? Mono.empty() : current.closeGracefully();
    }

    /** The session's side: serialises each message and writes it as one line. */
    private final class SessionTransport implements McpServerTransport {

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> write(message));
        }

        private void write(McpSchema.JSONRPCMessage message) {
            try {
                out.writeMessage(mapper.writeValueAsString(message), message instanceof McpSchema.JSONRPCResponse);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write an MCP message to stdout", e);
            }
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return mapper.convertValue(data, type);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }
}

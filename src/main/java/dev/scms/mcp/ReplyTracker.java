package dev.scms.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Owns the protocol output. It writes every line whole, so that the SDK's messages cannot
 * interleave with the errors this server writes for input the SDK never reads. It also counts
 * the client's requests that have no reply yet, so that the server can reply to everything it
 * read before it stops at the end of stdin.
 */
final class ReplyTracker {

    private static final String RESPONSE_START = "{\"jsonrpc\":\"2.0\",\"id\":";

    private final AtomicInteger outstanding = new AtomicInteger();
    private final Object writeLock = new Object();
    private final OutputStream out;

    /** Creates a tracker that writes to {@code out}, the process's real stdout in server mode. */
    ReplyTracker(OutputStream out) {
        this.out = out;
    }

    /** Notes a message passed to the SDK; only requests (with a method and an id) await a reply. */
    void read(JsonNode message) {
        if (message.has("method") && message.has("id")) {
            outstanding.incrementAndGet();
        }
    }

    boolean awaitingReplies() {
        return outstanding.get() > 0;
    }

    /** Writes one complete message line of this server's own, between the SDK's lines. */
    void writeLine(String json) throws IOException {
        synchronized (writeLock) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            out.flush();
        }
    }

    /** Returns the stream the SDK writes to: it buffers each line and writes it whole to the output. */
    OutputStream transportOutput() {
        OutputStream target = out;
        return new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
                int start = offset;
                for (int i = offset; i < offset + length; i++) {
                    if (bytes[i] == '\n') {
                        line.write(bytes, start, i + 1 - start);
                        emit();
                        start = i + 1;
                    }
                }
                line.write(bytes, start, offset + length - start);
            }

            @Override
            public void flush() throws IOException {
                synchronized (writeLock) {
                    target.flush();
                }
            }

            private void emit() throws IOException {
                byte[] whole = line.toByteArray();
                line.reset();
                synchronized (writeLock) {
                    target.write(whole);
                    target.flush();
                }
                // The SDK writes a response's id right after "jsonrpc"; its requests and
                // notifications to the client have their method there instead.
                if (new String(whole, 0, Math.min(whole.length, RESPONSE_START.length()), StandardCharsets.UTF_8)
                        .equals(RESPONSE_START)) {
                    outstanding.updateAndGet(count -> Math.max(0, count - 1));
                }
            }
        };
    }
}

package dev.scms.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts requests read from the client that have not been answered yet, so that the server
 * can answer everything it read before it stops at the end of stdin.
 */
final class ReplyTracker {

    private static final String PREFIX = "{\"jsonrpc\":\"2.0\",\"id\":";

    private final AtomicInteger outstanding = new AtomicInteger();

    /** Notes a message read from the client; only requests (with a method and an id) await a reply. */
    void read(JsonNode message) {
        if (message.has("method") && message.has("id")) {
            outstanding.incrementAndGet();
        }
    }

    boolean awaitingReplies() {
        return outstanding.get() > 0;
    }

    /** Wraps the protocol output so that every response line written counts as a reply. */
    OutputStream counting(OutputStream out) {
        return new FilterOutputStream(out) {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                scan(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
                for (int i = offset; i < offset + length; i++) {
                    scan(bytes[i]);
                }
            }

            private void scan(int b) {
                if (b == '\n') {
                    noteWritten(line.toByteArray());
                    line.reset();
                } else if (line.size() < PREFIX.length()) {
                    line.write(b);
                }
            }
        };
    }

    private void noteWritten(byte[] start) {
        // The SDK writes a response's id right after "jsonrpc"; requests and notifications to the
        // client have their method there instead.
        if (new String(start, java.nio.charset.StandardCharsets.UTF_8).equals(PREFIX)) {
            outstanding.updateAndGet(count -> Math.max(0, count - 1));
        }
    }
}

package dev.scms.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Owns the protocol output. It writes every line whole, so that the SDK's messages cannot
 * interleave with the errors this server writes for input the SDK never reads. It also counts
 * the client's requests that have no reply yet, so that the server can reply to everything it
 * read before it stops at the end of stdin.
 */
final class ReplyTracker {

    private final AtomicInteger outstanding = new AtomicInteger();
    private final Object writeLock = new Object();
    private final CountDownLatch firstLineWritten = new CountDownLatch(1);
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

    /**
     * Writes one complete message line of this server's own, between the SDK's lines. The line feed
     * goes out in the same write as the text, so a client reads the whole line at once.
     */
    void writeLine(String json) throws IOException {
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        byte[] line = Arrays.copyOf(text, text.length + 1);
        line[text.length] = '\n';
        synchronized (writeLock) {
            out.write(line);
            out.flush();
        }
        firstLineWritten.countDown();
    }

    /** Waits until the first line has been written, at most {@code maxWait}, and returns false when it timed out. */
    boolean awaitFirstLine(Duration maxWait) throws InterruptedException {
        return firstLineWritten.await(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes one message of the transport as a whole line; a response settles one awaited reply. */
    void writeMessage(String json, boolean response) throws IOException {
        writeLine(json);
        if (response) {
            outstanding.updateAndGet(count -> Math.max(0, count - 1));
        }
    }
}

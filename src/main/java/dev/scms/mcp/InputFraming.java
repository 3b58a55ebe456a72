package dev.scms.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads stdin line by line and passes on only well-formed JSON-RPC 2.0 messages in valid UTF-8.
 *
 * <p>The SDK's stdio transport (2.2.0) stops reading for good at the first line it cannot
 * parse, which would leave a running process that no longer replies. {@link LineCheck} decides
 * on every other line: an error reply when the request's id can be read, else a warning on
 * stderr. Lines over {@link #MAX_LINE_BYTES} are rejected the same way. The end of stdin, or a
 * transport that stopped reading, counts down {@code ended} so that the process can reply
 * to what it read and exit.
 */
final class InputFraming implements Runnable {

    /** Largest accepted message; longer lines are dropped whole. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(InputFraming.class);
    private static final byte[] INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
            .getBytes(StandardCharsets.UTF_8);

    private final InputStream in;
    private final OutputStream transport;
    private final CountDownLatch ended;
    private final ReplyTracker replies;
    private final CountDownLatch mayClose;
    private final LineCheck check;

    /**
     * @param ended counted down when stdin ends or the transport stops reading
     * @param mayClose awaited before the transport's input is closed, because the SDK cancels
     *     requests still running when its input ends
     */
    InputFraming(InputStream in, OutputStream transport, CountDownLatch ended, ReplyTracker replies,
            CountDownLatch mayClose) {
        this(in, transport, ended, replies, mayClose, new LineCheck());
    }

    InputFraming(InputStream in, OutputStream transport, CountDownLatch ended, ReplyTracker replies,
            CountDownLatch mayClose, LineCheck check) {
        this.check = check;
        this.in = in;
        this.transport = transport;
        this.ended = ended;
        this.replies = replies;
        this.mayClose = mayClose;
    }

    @Override
    public void run() {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            TailBytes tail = new TailBytes(LineCheck.SNIFF_CHARS);
            boolean overflow = false;
            int next;
            while ((next = in.read()) >= 0) {
                if (next != '\n') {
                    overflow |= line.size() >= MAX_LINE_BYTES;
                    if (overflow) {
                        tail.add(next);
                    } else {
                        line.write(next);
                    }
                    continue;
                }
                forward(line.toByteArray(), overflow, tail);
                line.reset();
                tail.clear();
                overflow = false;
            }
            if (line.size() > 0) {
                forward(line.toByteArray(), overflow, tail);
            }
            LOG.debug("stdin reached its end");
        } catch (IOException e) {
            LOG.info("stdin or the transport closed: {}", e.getMessage());
        } finally {
            ended.countDown();
            awaitMayClose();
            closeQuietly();
        }
    }

    private void forward(byte[] bytes, boolean overflow, TailBytes tail) throws IOException {
        if (overflow) {
            // Only both ends are decoded, where the id sits; the line break keeps them apart.
            String ends = new String(bytes, 0, Math.min(bytes.length, LineCheck.SNIFF_CHARS), StandardCharsets.UTF_8)
                    + "\n" + new String(tail.toByteArray(), StandardCharsets.UTF_8);
            act(check.unreadable(ends, LineCheck.INVALID_REQUEST, "Invalid Request: the message is longer than "
                    + MAX_LINE_BYTES + " bytes"));
            return;
        }
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            act(check.unreadable(new String(bytes, 0, length, StandardCharsets.UTF_8), LineCheck.PARSE_ERROR,
                    "Parse error: the message is not valid UTF-8"));
            return;
        }
        if (!text.isBlank()) {
            LineCheck.Verdict verdict = check.check(text);
            act(verdict, verdict.repaired() ? verdict.forward().get().toString() : text);
        }
    }

    private void act(LineCheck.Verdict verdict) throws IOException {
        act(verdict, "");
    }

    private void act(LineCheck.Verdict verdict, String text) throws IOException {
        if (verdict.initializedFirst()) {
            LOG.info("A request arrived before notifications/initialized; treating the client as initialized");
            transport.write(INITIALIZED);
        }
        if (verdict.forward().isPresent()) {
            replies.read(verdict.forward().get());
            transport.write(text.getBytes(StandardCharsets.UTF_8));
            transport.write('\n');
            transport.flush();
            return;
        }
        if (verdict.reason().isEmpty()) {
            LOG.debug("Answered a request before the SDK saw it");
        } else {
            LOG.warn("Rejected an input line: {}", verdict.reason());
        }
        if (verdict.reply().isPresent()) {
            replies.writeLine(verdict.reply().get());
        }
    }

    private void awaitMayClose() {
        try {
            mayClose.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly() {
        try {
            transport.close();
        } catch (IOException e) {
            LOG.debug("Closing the transport's input: {}", e.getMessage());
        }
    }
}

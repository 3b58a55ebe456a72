package dev.scms.mcp;

import dev.scms.config.Settings;
import dev.scms.core.Scms;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP server over stdio. It replies to {@code initialize} at once (nothing here waits for the
 * model) and returns from {@link #runUntilInputEnds()} when the client closes stdin.
 */
public final class StdioServer {

    private static final Logger LOG = LoggerFactory.getLogger(StdioServer.class);
    private static final int PIPE_BYTES = 1 << 20;

    /** Maximum wait at the end of input for replies to the requests already read. */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 20;

    private final McpSyncServer server;
    private final CountDownLatch inputEnded;
    private final ReplyTracker replies;
    private final CountDownLatch mayClose;
    private final SessionEnd sessionEnd;
    private volatile String stopReason = "stdin closed";

    private StdioServer(McpSyncServer server, CountDownLatch inputEnded, ReplyTracker replies,
            CountDownLatch mayClose, SessionEnd sessionEnd) {
        this.server = server;
        this.inputEnded = inputEnded;
        this.replies = replies;
        this.mayClose = mayClose;
        this.sessionEnd = sessionEnd;
    }

    /**
     * Starts serving on the given streams; {@code out} must be the process's real stdout, which
     * nothing else writes to.
     */
    public static StdioServer start(Scms scms, Settings settings, Path workingFolder, InputStream in,
            OutputStream out, String version) {
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        CountDownLatch inputEnded = new CountDownLatch(1);
        ReplyTracker replies = new ReplyTracker(out);
        CountDownLatch mayClose = new CountDownLatch(1);
        ServerFeatures features = new ServerFeatures(scms, settings, workingFolder, mapper);
        PipedInputStream transportIn = frame(new java.io.BufferedInputStream(in, PIPE_BYTES), inputEnded, replies,
                mayClose, new LineCheck(features.toolNames(), features.promptNames()));
        LineTransport transport = new LineTransport(mapper, transportIn, replies);
        McpSyncServer server = features.build(McpServer.sync(transport), version);
        LOG.info("SCMS {} serving MCP over stdio{}", version, ProcessUptime.sinceStartText());
        return new StdioServer(server, inputEnded, replies, mayClose, SessionEnd.register(features.scopes()));
    }

    /** Starts the thread that passes well-formed lines from {@code in} to the stream the transport reads. */
    private static PipedInputStream frame(InputStream in, CountDownLatch inputEnded, ReplyTracker replies,
            CountDownLatch mayClose, LineCheck check) {
        try {
            PipedInputStream transportIn = new PipedInputStream(PIPE_BYTES);
            PipedOutputStream framedOut = new PipedOutputStream(transportIn);
            Thread reader = new Thread(new InputFraming(in, framedOut, inputEnded, replies, mayClose, check),
                    "scms-stdin");
            reader.setDaemon(true);
            reader.start();
            return transportIn;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect stdin to the MCP transport", e);
        }
    }

    /**
     * Waits until the server has written its first line, normally the reply to {@code initialize},
     * at most {@code maxWait}, and returns false when it timed out.
     */
    public boolean awaitFirstReply(Duration maxWait) throws InterruptedException {
        return replies.awaitFirstLine(maxWait);
    }

    /**
     * Stops the server as if stdin had ended, for a client that is gone while the pipe to stdin
     * stays open. {@link #runUntilInputEnds()} then replies to the requests already read and
     * ends the session.
     *
     * @param reason what happened, logged as the reason for stopping
     */
    public void stop(String reason) {
        if (inputEnded.getCount() > 0) {
            stopReason = reason;
        }
        inputEnded.countDown();
    }

    /**
     * Blocks until the client closes stdin or {@link #stop} is called, sends the replies to the requests read before that,
     * then closes the server. A client that writes its requests and closes stdin at once, as
     * {@code scms serve < requests.jsonl} does, still gets every reply.
     */
    public void runUntilInputEnds() throws InterruptedException {
        inputEnded.await();
        long deadline = System.nanoTime() + DRAIN_WAIT.toNanos();
        while (replies.awaitingReplies() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
        }
        mayClose.countDown();
        LOG.info("{}; stopping", stopReason);
        sessionEnd.run();
        try {
            server.closeGracefully();
        } catch (RuntimeException e) {
            LOG.debug("Closing the MCP server after end of input: {}", e.getMessage());
        }
    }
}

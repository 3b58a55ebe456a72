package dev.scms.mcp;

import dev.scms.config.Settings;
import dev.scms.core.Scms;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP server over stdio. It answers {@code initialize} at once (nothing here waits for the
 * model) and returns from {@link #runUntilInputEnds()} when the client closes stdin.
 */
public final class StdioServer {

    private static final Logger LOG = LoggerFactory.getLogger(StdioServer.class);

    private final McpSyncServer server;
    private final CountDownLatch inputEnded;

    private StdioServer(McpSyncServer server, CountDownLatch inputEnded) {
        this.server = server;
        this.inputEnded = inputEnded;
    }

    /**
     * Starts serving on the given streams; {@code out} must be the process's real stdout, which
     * nothing else writes to.
     */
    public static StdioServer start(Scms scms, Settings settings, Path workingFolder, InputStream in,
            OutputStream out, String version) {
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        CountDownLatch inputEnded = new CountDownLatch(1);
        StdioServerTransportProvider transport = new StdioServerTransportProvider(mapper, new EndAware(in,
                inputEnded), out);
        ScmsTools tools = new ScmsTools(scms, settings, workingFolder, mapper);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo("scms", version)
                .instructions(ServerInstructions.TEXT)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tools.specifications())
                .rootsChangeHandler((exchange, roots) -> tools.rootsChanged())
                .validateToolInputs(false)
                .requestTimeout(Duration.ofMinutes(5))
                .build();
        LOG.info("SCMS {} serving MCP over stdio", version);
        return new StdioServer(server, inputEnded);
    }

    /** Blocks until the client closes stdin, then closes the server. */
    public void runUntilInputEnds() throws InterruptedException {
        inputEnded.await();
        LOG.info("stdin closed; stopping");
        try {
            server.closeGracefully();
        } catch (RuntimeException e) {
            LOG.debug("Closing the MCP server after end of input: {}", e.getMessage());
        }
    }

    /** Counts down a latch when the wrapped stream reaches its end or fails. */
    private static final class EndAware extends FilterInputStream {
        private final CountDownLatch ended;

        EndAware(InputStream in, CountDownLatch ended) {
            super(in);
            this.ended = ended;
        }

        @Override
        public int read() throws IOException {
            return signal(() -> super.read());
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return signal(() -> super.read(buffer, offset, length));
        }

        private int signal(IoRead read) throws IOException {
            try {
                int result = read.run();
                if (result < 0) {
                    ended.countDown();
                }
                return result;
            } catch (IOException e) {
                ended.countDown();
                throw e;
            }
        }
    }

    @FunctionalInterface
    private interface IoRead {
        int run() throws IOException;
    }
}

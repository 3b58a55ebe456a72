package dev.scms.mcp;

import dev.scms.config.Settings;
import dev.scms.core.BearerTokens;
import dev.scms.core.Scms;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP server over Streamable HTTP at {@value #ENDPOINT}, in embedded Jetty, with the MCP Java
 * SDK's servlet transport: POST carries JSON-RPC and gets JSON or an SSE stream back, GET opens
 * the stream for server requests, DELETE ends a session, and {@code Mcp-Session-Id} names the
 * session. {@link HttpAccessFilter} checks the Origin and the bearer token of every request first.
 * It serves the same tools, resources and prompts as the stdio server.
 */
public final class HttpMcpServer {

    public static final String ENDPOINT = "/mcp";

    private static final Logger LOG = LoggerFactory.getLogger(HttpMcpServer.class);

    private final Server jetty;
    private final McpSyncServer server;
    private final CallScopes scopes;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpMcpServer(Server jetty, McpSyncServer server, CallScopes scopes) {
        this.jetty = jetty;
        this.server = server;
        this.scopes = scopes;
    }

    /**
     * Starts listening on {@code address}.
     *
     * @param tokens the bearer token check, or empty to accept every request as the user setting's
     *        user, which the caller allows only on loopback
     * @throws UncheckedIOException when the server cannot listen on the address, for example because
     *         the port is in use
     */
    public static HttpMcpServer start(Scms scms, Settings settings, Path workingFolder, InetSocketAddress address,
            AllowedOrigins origins, Optional<BearerTokens> tokens, String version) {
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        ServerFeatures features = new ServerFeatures(scms, settings, workingFolder, mapper);
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper)
                .mcpEndpoint(ENDPOINT)
                .maxRequestSize(HttpErrorReplies.MAX_REQUEST_BYTES)
                .contextExtractor(HttpMcpServer::transportContext)
                .build();
        McpSyncServer server = features.build(McpServer.sync(transport), version);
        HttpAccessFilter filter = new HttpAccessFilter(origins, tokens, settings.user(), features.scopes());
        Server jetty = jetty(address, transport, filter);
        try {
            jetty.start();
        } catch (Exception e) {
            server.close();
            stopQuietly(jetty);
            throw listenFailure(address, e);
        }
        HttpMcpServer started = new HttpMcpServer(jetty, server, features.scopes());
        LOG.info("SCMS {} serving MCP over Streamable HTTP at http://{}:{}{}{}", version, hostText(address),
                started.port(), ENDPOINT, ProcessUptime.sinceStartText());
        return started;
    }

    /** Copies the user that {@link HttpAccessFilter} authenticated into the MCP transport context. */
    private static McpTransportContext transportContext(HttpServletRequest request) {
        Object user = request.getAttribute(HttpAccessFilter.USER_ATTRIBUTE);
        return user == null ? McpTransportContext.EMPTY
                : McpTransportContext.create(Map.of(HttpAccessFilter.USER_ATTRIBUTE, user));
    }

    private static Server jetty(InetSocketAddress address, HttpServletStreamableServerTransportProvider transport,
            HttpAccessFilter filter) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("scms-http");
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(address.getAddress().getHostAddress());
        connector.setPort(address.getPort());
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder servlet = new ServletHolder("mcp", transport);
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, ENDPOINT);
        FilterHolder access = new FilterHolder(filter);
        access.setAsyncSupported(true);
        context.addFilter(access, "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.setStopTimeout(5_000);
        return jetty;
    }

    /** Returns the port the server listens on, which differs from the requested one when that was 0. */
    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    /** Blocks until the server stops. */
    public void awaitStop() throws InterruptedException {
        jetty.join();
    }

    /**
     * Stops accepting requests and closes the open connections; {@link #awaitStop()} then returns.
     * Safe to call more than once and from a shutdown hook.
     *
     * @param reason what happened, logged as the reason for stopping
     */
    public void stop(String reason) {
        if (stopped.compareAndSet(false, true)) {
            LOG.info("{}; stopping the HTTP server", reason);
            // Closing the MCP sessions first ends their open GET streams, which would otherwise
            // hold Jetty's graceful stop until its timeout.
            try {
                server.closeGracefully();
            } catch (RuntimeException e) {
                LOG.debug("Closing the MCP server: {}", e.toString());
            }
            stopQuietly(jetty);
        }
    }

    /** Stops the server if it runs and ends every open SCMS session. Runs once. */
    public void close() {
        stop("closing");
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            scopes.endAll();
        } catch (RuntimeException e) {
            LOG.error("Ending the open sessions failed; their summary rows may be missing", e);
        }
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Stopping the HTTP server failed: {}", e.toString());
        }
    }

    private static UncheckedIOException listenFailure(InetSocketAddress address, Exception failure) {
        String where = hostText(address) + ":" + address.getPort();
        boolean inUse = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            inUse |= cause instanceof BindException;
        }
        String message = inUse ? "cannot listen on " + where + ": the address is in use or not available on this"
                + " machine; stop the other server or pass another port with --http"
                : "cannot listen on " + where + ": " + failure.getMessage();
        IOException cause = failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
        return new UncheckedIOException(message, cause);
    }

    private static String hostText(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }
}

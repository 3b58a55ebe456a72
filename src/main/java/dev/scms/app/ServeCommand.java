package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.core.BearerTokens;
import dev.scms.core.InvalidInputException;
import dev.scms.mcp.AllowedOrigins;
import dev.scms.mcp.HttpMcpServer;
import dev.scms.mcp.ProtocolWarmUp;
import dev.scms.mcp.StdioServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Serves MCP over stdio, the command assistants start, or over Streamable HTTP for a team. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve MCP over stdio (the command an assistant starts), or over Streamable HTTP with"
                + " --http. Over stdio it exits when stdin closes or the process that started it exits.", "With --http, serve MCP over Streamable HTTP at /mcp"
                + " instead, for many assistants, each with a bearer token from scms token create. Stops on"
                + " SIGTERM or Ctrl-C."})
final class ServeCommand implements Callable<Integer> {

    /** Maximum wait of a shutdown hook for the sessions to end and the store to close. */
    private static final long CLOSE_WAIT_SECONDS = 30;

    /** Maximum wait of the cache fill for the first reply over stdio, for a client that sends nothing. */
    private static final Duration FILL_WAIT = Duration.ofSeconds(2);

    @Mixin
    SettingsOptions settings;

    @ParentCommand
    Main parent;

    @Option(names = "--http", paramLabel = "[HOST:]PORT", description = "Serve MCP over Streamable HTTP on this "
            + "address instead of stdio. PORT alone listens on 127.0.0.1 only; any other host is reachable from "
            + "other machines and needs a reverse proxy for TLS.")
    String http;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN", description = "With --http, also accept browser "
            + "requests whose Origin header is ORIGIN, e.g. https://app.example.com or http://host:* for any "
            + "port. Pages on localhost are always accepted, and requests without Origin pass. Repeatable.")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--insecure-no-auth", description = "With --http on a loopback address only, accept requests "
            + "without a token, all as the user setting's user. For test suites on this machine only.")
    boolean noAuth;

    @Override
    public Integer call() throws InterruptedException {
        // The parent is absent when ServeFastPath parsed the serve command alone.
        SettingsOptions merged = parent == null ? settings : settings.mergedOver(parent.settings);
        if (http == null) {
            rejectHttpOnlyOptions();
            serve(merged);
        } else {
            serveHttp(merged, HttpAddress.parse(http), origins());
        }
        return 0;
    }

    void serve(SettingsOptions options) {
        ServerStreams.claimStdout();
        Settings loaded = options.load();
        Logging.start(loaded.home(), "INFO");
        // The first logger configures Logback, so it is created on this thread before the
        // warm-up thread loads classes that create loggers of their own.
        log();
        ProtocolWarmUp.start();
        try (Application application = Application.open(loaded, Clock.systemUTC())) {
            StdioServer server = StdioServer.start(application.scms(), loaded, Path.of("").toAbsolutePath(),
                    ServerStreams.protocolIn(), ServerStreams.protocolOut(), Version.current());
            // Filling the cache can keep a core busy for seconds, and until the initialize reply it
            // took CPU time from the thread that sends the reply, so it starts after that reply.
            application.startBackfill(() -> server.awaitFirstReply(FILL_WAIT));
            ParentWatcher.watchCurrentParent(() -> server.stop("parent process exited"));
            server.runUntilInputEnds();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Serves over HTTP until SIGTERM, SIGINT or another JVM shutdown. The shutdown hook stops the
     * listener and then waits, at most {@value #CLOSE_WAIT_SECONDS} s, until this thread has ended
     * the sessions and closed the store.
     */
    private void serveHttp(SettingsOptions options, HttpAddress address, AllowedOrigins origins)
            throws InterruptedException {
        if (noAuth && !address.isLoopback()) {
            throw new InvalidInputException("insecure-no-auth", "is allowed only on a loopback address, but --http "
                    + http + " listens on " + address.socket().getAddress().getHostAddress()
                    + "; create tokens with scms token create instead");
        }
        Settings loaded = options.load();
        Logging.start(loaded.home(), "INFO");
        CountDownLatch closed = new CountDownLatch(1);
        try (Application application = Application.open(loaded, Clock.systemUTC())) {
            Optional<BearerTokens> tokens = noAuth ? Optional.empty() : Optional.of(new BearerTokens(
                    application.store().accessTokens(), new SecureRandom(), Clock.systemUTC()));
            warnAboutExposure(address, loaded);
            HttpMcpServer server = HttpMcpServer.start(application.scms(), loaded, Path.of("").toAbsolutePath(),
                    address.socket(), origins, tokens, Version.current());
            application.startBackfill();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop("JVM shutdown (SIGTERM, SIGINT or exit)");
                awaitQuietly(closed);
            }, "scms-http-stop"));
            try {
                server.awaitStop();
            } finally {
                server.close();
            }
        } finally {
            closed.countDown();
        }
    }

    private void warnAboutExposure(HttpAddress address, Settings loaded) {
        Logger log = log();
        if (!address.isLoopback()) {
            log.warn("Listening on {}, which other machines can reach; this server speaks plain HTTP, so put a "
                    + "reverse proxy with TLS in front of it and let clients reach it only through that proxy",
                    address.host());
        }
        if (noAuth) {
            log.warn("INSECURE: --insecure-no-auth is set, so every request on {} is accepted without a token as "
                    + "user {}; use it only for test suites on this machine", address.host(), loaded.user());
        }
    }

    private AllowedOrigins origins() {
        try {
            return AllowedOrigins.loopbackAnd(allowedOrigins);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("allow-origin", e.getMessage());
        }
    }

    private void rejectHttpOnlyOptions() {
        if (noAuth || !allowedOrigins.isEmpty()) {
            throw new InvalidInputException(noAuth ? "insecure-no-auth" : "allow-origin", "applies only with --http;"
                    + " add --http [HOST:]PORT or leave it out");
        }
    }

    /** Returns the logger; it is created only after {@link Logging#start} has configured Logback. */
    private static Logger log() {
        return LoggerFactory.getLogger(ServeCommand.class);
    }

    private static void awaitQuietly(CountDownLatch closed) {
        try {
            if (!closed.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log().warn("The server did not close within {} s; exiting anyway", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

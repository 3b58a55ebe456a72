package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.core.BearerTokens;
import dev.scms.store.AccessToken;
import dev.scms.store.AccessTokens;
import dev.scms.store.StoreException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link HttpAccessFilter} in Jetty in front of a servlet that fails as the MCP transport
 * can, and checks the replies a client gets.
 */
class HttpAccessFilterTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    private McpFixture fixture;
    private Server jetty;

    @AfterEach
    void stop() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void storeFailureGets503() throws Exception {
        BearerTokens failing = new BearerTokens(new UnreachableStore(), new SecureRandom(), Clock.systemUTC(),
                Runnable::run);
        start(Optional.of(failing));

        HttpResponse<String> response = send("/mcp", "Bearer scms_" + "x".repeat(43));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(response.body()).startsWith("{\"error\":\"store_unavailable\",\"error_description\":\"the memory"
                + " store cannot be reached: ").contains("try again when it is back").doesNotContain("hunter2")
                .doesNotContain("StoreException");
    }

    @Test
    void uncaughtFailureGets500WithoutStackTrace() throws Exception {
        start(Optional.empty());

        HttpResponse<String> response = send("/fail", "");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).startsWith("{\"error\":\"server_error\",\"error_description\":")
                .doesNotContain("at dev.scms").doesNotContain("the secret detail");
    }

    @Test
    void failureAfterPartialWriteGets500Json() throws Exception {
        start(Optional.empty());

        HttpResponse<String> response = send("/fail-after-write", "");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).startsWith("{\"error\":\"server_error\",\"error_description\":")
                .doesNotContain("partial").doesNotContain("the secret detail");
    }

    @Test
    void transportErrorBodyIsReplacedAndStatusKept() throws Exception {
        start(Optional.empty());

        HttpResponse<String> response = send("/teapot", "");

        assertThat(response.statusCode()).isEqualTo(418);
        assertThat(response.body()).isEqualTo("{\"error\":\"invalid_request\",\"error_description\":\"the MCP"
                + " transport rejected the POST request: short and stout; fix the request as the MCP Streamable HTTP"
                + " transport describes\"}");
    }

    @Test
    void successfulReplyPassesUnchanged() throws Exception {
        start(Optional.empty());

        HttpResponse<String> response = send("/ok", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).as("the body the filter read and passed on")
                .isEqualTo("data: {\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}\n\n");
    }

    private void start(Optional<BearerTokens> tokens) throws Exception {
        fixture = new McpFixture(temp);
        CallScopes scopes = new CallScopes(fixture.scms, fixture.settings, temp);
        HttpAccessFilter filter = new HttpAccessFilter(AllowedOrigins.loopbackAnd(List.of()), tokens, "tester",
                scopes);
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new FailingTransport()), "/*");
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.start();
    }

    private HttpResponse<String> send(String path, String authorization) throws Exception {
        int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}"))
                .header("Content-Type", "application/json");
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Fails as the request path selects: throws, writes an error as the SDK does, or streams the request body back as one event. */
    private static final class FailingTransport extends HttpServlet {

        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            switch (request.getRequestURI()) {
                case "/fail" -> throw new IllegalStateException("the secret detail");
                case "/fail-after-write" -> {
                    response.getWriter().write("data: partial");
                    throw new IllegalStateException("the secret detail");
                }
                case "/teapot" -> {
                    response.setStatus(418);
                    response.setContentType("application/json");
                    response.getWriter().write("{\"cause\":null,\"stackTrace\":[{\"methodName\":\"x\"}],"
                            + "\"jsonRpcError\":{\"code\":-32600,\"message\":\"short and stout\"}}");
                }
                default -> {
                    response.setContentType("text/event-stream");
                    response.getWriter().write("data: " + request.getReader().readLine() + "\n\n");
                }
            }
        }
    }

    /** A token table whose database cannot be reached, as when PostgreSQL is down. */
    private static final class UnreachableStore implements AccessTokens {

        private static StoreException down() {
            return new StoreException("cannot connect to postgresql://scms:hunter2@127.0.0.1:1/scms: Connection"
                    + " refused");
        }

        @Override
        public AccessToken create(String user, String hash, String prefix, Instant createdAt) {
            throw down();
        }

        @Override
        public Optional<AccessToken> findActive(String hash) {
            throw down();
        }

        @Override
        public Optional<AccessToken> find(long id) {
            throw down();
        }

        @Override
        public void markUsed(long id, Instant at) {
            throw down();
        }

        @Override
        public boolean revoke(long id, Instant at) {
            throw down();
        }

        @Override
        public int revokeUser(String user, Instant at) {
            throw down();
        }

        @Override
        public List<AccessToken> list() {
            throw down();
        }
    }
}

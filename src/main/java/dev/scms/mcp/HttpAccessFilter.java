package dev.scms.mcp;

import dev.scms.config.EchoedText;
import dev.scms.core.BearerTokens;
import dev.scms.core.SecretRedactor;
import dev.scms.store.AccessToken;
import dev.scms.store.StoreException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the Streamable HTTP endpoint. In order, it rejects a request whose {@code Origin} is not
 * allowed (403), one without a valid active bearer token (401 with {@code WWW-Authenticate:
 * Bearer}), and one that names the session of another user (403). A request that passes carries
 * its user in the request attribute {@link #USER_ATTRIBUTE}, which the transport copies into the
 * MCP transport context. It also remembers which user opened each session, and ends the SCMS
 * session when its client deletes it.
 */
final class HttpAccessFilter extends HttpFilter {

    /** Request attribute and transport context key of the authenticated user's name. */
    static final String USER_ATTRIBUTE = "dev.scms.user";

    static final String SESSION_HEADER = "Mcp-Session-Id";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(HttpAccessFilter.class);
    private static final String BEARER = "bearer ";
    /** Seconds a client should wait before it retries after the store failed: an estimate, not measured. */
    private static final int RETRY_AFTER_SECONDS = 5;

    private final transient AllowedOrigins origins;
    private final transient Optional<BearerTokens> tokens;
    private final String unauthenticatedUser;
    private final transient CallScopes scopes;
    // NOTE: the owner of a session that its client never deletes stays here until the server
    // stops, as the session's SCMS layer does.
    private final Map<String, String> sessionOwners = new ConcurrentHashMap<>();

    /**
     * @param tokens the token check, or empty to let every request through as
     *        {@code unauthenticatedUser} (the insecure mode for tests on loopback)
     */
    HttpAccessFilter(AllowedOrigins origins, Optional<BearerTokens> tokens, String unauthenticatedUser,
            CallScopes scopes) {
        this.origins = origins;
        this.tokens = tokens;
        this.unauthenticatedUser = unauthenticatedUser;
        this.scopes = scopes;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            checkAndServe(request, response, chain);
        } catch (StoreException e) {
            String message = SecretRedactor.redact(String.valueOf(e.getMessage())).text();
            LOG.warn("Answered a {} request with 503 because the store failed: {}", request.getMethod(), message);
            if (!response.isCommitted()) {
                // reset() also discards a writer the transport took, so the reply can use the output stream.
                response.reset();
                response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
                reject(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "store_unavailable", "the memory store"
                        + " cannot be reached: " + EchoedText.shorten(message) + "; try again when it is back");
            }
        } catch (RuntimeException e) {
            LOG.error("A {} request failed", request.getMethod(), e);
            if (!response.isCommitted()) {
                response.reset();
                reject(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "server_error", "the server failed"
                        + " on this request: " + e.getClass().getSimpleName() + "; try again, and see the server log"
                        + " if it fails again");
            }
        }
    }

    private void checkAndServe(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (!origins.allows(origin)) {
            LOG.warn("Rejected a {} request from origin {}: not allowed", request.getMethod(), EchoedText.quote(origin));
            reject(response, HttpServletResponse.SC_FORBIDDEN, "origin_not_allowed", "origin "
                    + EchoedText.quote(origin) + " is not allowed; start scms serve with --allow-origin "
                    + EchoedText.escape(origin)
                    + " to allow it");
            return;
        }
        Optional<String> user = authenticate(request, response);
        if (user.isEmpty()) {
            return;
        }
        String session = request.getHeader(SESSION_HEADER);
        String owner = session == null ? null : sessionOwners.get(session);
        if (owner != null && !owner.equals(user.get())) {
            LOG.warn("Rejected a request of user {} in session {} of user {}", user.get(), session, owner);
            reject(response, HttpServletResponse.SC_FORBIDDEN, "session_of_another_user", "session " + session
                    + " belongs to another user; start a session of your own");
            return;
        }
        request.setAttribute(USER_ATTRIBUTE, user.get());
        Optional<HttpServletRequest> checked = HttpRequestChecks.check(request, response);
        if (checked.isEmpty()) {
            return;
        }
        ErrorCapturingResponse capturing = new ErrorCapturingResponse(response);
        chain.doFilter(checked.get(), capturing);
        if (capturing.hasCapturedError()) {
            LOG.debug("The transport answered a {} request with {}", request.getMethod(), capturing.getStatus());
            response.resetBuffer();
            HttpErrorReplies.replaceTransportError(request, response, capturing.getStatus(),
                    capturing.capturedBody());
            return;
        }
        afterRequest(request, response, session, user.get());
    }

    /** Returns the user of the request's token, or sends 401 and returns empty. */
    private Optional<String> authenticate(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (tokens.isEmpty()) {
            return Optional.of(unauthenticatedUser);
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"scms\"");
            reject(response, HttpServletResponse.SC_UNAUTHORIZED, "missing_token", "send a token in the header "
                    + "Authorization: Bearer <token>; scms token create --user NAME creates one");
            return Optional.empty();
        }
        Optional<AccessToken> token = tokens.get().authenticate(header.substring(BEARER.length()).strip());
        if (token.isEmpty()) {
            LOG.warn("Rejected a {} request with an unknown or revoked token", request.getMethod());
            response.setHeader("WWW-Authenticate", "Bearer realm=\"scms\", error=\"invalid_token\"");
            reject(response, HttpServletResponse.SC_UNAUTHORIZED, "invalid_token", "the token is unknown or revoked;"
                    + " ask for a new one (scms token create --user NAME)");
            return Optional.empty();
        }
        LOG.debug("{} request of user {} with token {}", request.getMethod(), token.get().user(), token.get().id());
        return Optional.of(token.get().user());
    }

    /**
     * Records the owner of a session that this request opened, and ends the SCMS session that a
     * successful DELETE ended. The transport sets the session header on the reply to
     * {@code initialize} before that reply is sent, so it is readable here.
     */
    private void afterRequest(HttpServletRequest request, HttpServletResponse response, String session,
            String user) {
        if (session == null) {
            String opened = response.getHeader(SESSION_HEADER);
            if (opened != null) {
                sessionOwners.put(opened, user);
                LOG.info("User {} opened MCP session {}", user, opened);
            }
            return;
        }
        if (request.getMethod().equals("DELETE") && response.getStatus() < 300) {
            sessionOwners.remove(session);
            scopes.end(session);
        }
    }

    private static void reject(HttpServletResponse response, int status, String error, String message)
            throws IOException {
        HttpErrorReplies.send(response, status, error, message);
    }
}

package dev.scms.mcp;

import dev.scms.config.Settings;
import dev.scms.core.ProjectContext;
import dev.scms.core.Scms;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns the exchange of an MCP request into the session it belongs to and the origin of its
 * project, and opens that session's layer on its first request. Tools, resources and prompts
 * share one instance, so a session has one layer and one cache of client roots.
 */
final class CallScopes {

    private final Scms scms;
    private final Settings settings;
    private final Path workingFolder;
    private final ClientRoots roots = new ClientRoots();

    CallScopes(Scms scms, Settings settings, Path workingFolder) {
        this.scms = scms;
        this.settings = settings;
        this.workingFolder = workingFolder;
    }

    /**
     * The session key of a request, the origin of its project, and the user that the transport
     * authenticated: the user of the bearer token over HTTP, none over stdio.
     */
    record Call(String session, ProjectContext context, Optional<String> authenticatedUser) {
    }

    Call of(McpSyncServerExchange exchange) {
        String session = key(exchange);
        McpSchema.Implementation client = exchange.getClientInfo();
        scms.sessions().open(session, client == null ? "" : client.name(), client == null ? "" : client.version());
        return new Call(session, new ProjectContext(() -> roots.roots(session, exchange), settings.project(),
                workingFolder), authenticatedUser(exchange));
    }

    /** Ends one session, after its client ended it: stores its summary row and drops its cached roots. */
    void end(String session) {
        scms.sessions().end(session);
        roots.invalidate(session);
    }

    /** Forgets the cached roots of the exchange's session, after its client announced a change. */
    void rootsChanged(McpSyncServerExchange exchange) {
        roots.invalidate(key(exchange));
    }

    /** Ends every open session: stores each one's summary row and drops its cached roots. */
    void endAll() {
        for (String session : scms.sessions().openKeys()) {
            scms.sessions().end(session);
            roots.invalidate(session);
        }
    }

    private static Optional<String> authenticatedUser(McpSyncServerExchange exchange) {
        McpTransportContext context = exchange.transportContext();
        Object user = context == null ? null : context.get(HttpAccessFilter.USER_ATTRIBUTE);
        return user instanceof String name ? Optional.of(name) : Optional.empty();
    }

    private static String key(McpSyncServerExchange exchange) {
        return exchange.sessionId() == null ? "" : exchange.sessionId();
    }
}

package dev.scms.mcp;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root folders of each session's client, asked for once per session and kept until the client
 * says they changed or the session ends. A client without the roots capability, or one that fails
 * to reply, has no roots.
 */
final class ClientRoots {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRoots.class);

    private final Map<String, List<String>> cached = new ConcurrentHashMap<>();

    List<String> roots(String session, McpSyncServerExchange exchange) {
        List<String> roots = cached.get(session);
        if (roots != null) {
            return roots;
        }
        roots = ask(exchange);
        cached.put(session, roots);
        return roots;
    }

    /** Forgets the roots of a session, after its client announced a change or the session ended. */
    void invalidate(String session) {
        cached.remove(session);
    }

    // The SDK (2.2.0) marks listRoots deprecated, but roots are still the protocol's only way to
    // learn which folder the client works in.
    @SuppressWarnings("deprecation")
    private static List<String> ask(McpSyncServerExchange exchange) {
        McpSchema.ClientCapabilities capabilities = exchange.getClientCapabilities();
        if (capabilities == null || capabilities.roots() == null) {
            return List.of();
        }
        try {
            McpSchema.ListRootsResult result = exchange.listRoots(null);
            return result == null || result.roots() == null ? List.of()
                    : result.roots().stream().map(McpSchema.Root::uri).filter(uri -> uri != null).toList();
        } catch (RuntimeException e) {
            LOG.warn("The client did not list its roots ({}); using the working folder as the project", e
                    .getMessage());
            return List.of();
        }
    }
}

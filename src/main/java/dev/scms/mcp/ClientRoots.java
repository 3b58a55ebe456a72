package dev.scms.mcp;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's root folders, asked for once and kept until the client says they changed.
 * A client without the roots capability, or one that fails to reply, has no roots.
 */
final class ClientRoots {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRoots.class);

    private final AtomicReference<List<String>> cached = new AtomicReference<>();

    List<String> roots(McpSyncServerExchange exchange) {
        List<String> roots = cached.get();
        if (roots != null) {
            return roots;
        }
        roots = ask(exchange);
        cached.set(roots);
        return roots;
    }

    void invalidate() {
        cached.set(null);
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

package dev.scms.mcp;

import dev.scms.config.EchoedText;
import dev.scms.core.InvalidInputException;
import dev.scms.store.StoreException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a resource read or a prompt throws into a JSON-RPC error with a plain sentence.
 * Unlike tools, resources and prompts have no error result in MCP, so the error is the reply.
 */
final class ResourceFailures {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceFailures.class);

    private ResourceFailures() {
    }

    /** Runs {@code work} for the request named {@code request}: a resource URI or a prompt name. */
    static <T> T guard(String request, Supplier<T> work) {
        String shown = EchoedText.shorten(request);
        try {
            return work.get();
        } catch (McpError e) {
            throw e;
        } catch (InvalidInputException e) {
            LOG.debug("{}: invalid {}: {}", shown, e.argument(), e.getMessage());
            throw error(McpSchema.ErrorCodes.INVALID_PARAMS, shown + ": " + e.getMessage());
        } catch (StoreException e) {
            LOG.error("{} failed", shown, e);
            throw error(McpSchema.ErrorCodes.INTERNAL_ERROR, shown + " failed: " + e.getMessage()
                    + ". The server is still running.");
        } catch (RuntimeException e) {
            LOG.error("{} failed with an unexpected error", shown, e);
            throw error(McpSchema.ErrorCodes.INTERNAL_ERROR, shown + " failed with an internal error ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "). The server is still running; the "
                    + "log has the details.");
        }
    }

    static McpError error(int code, String message) {
        return McpError.builder(code).message(message).build();
    }
}

package dev.scms.mcp;

import dev.scms.core.InvalidInputException;
import dev.scms.core.NotEligibleException;
import dev.scms.embed.EmbeddingException;
import dev.scms.store.MemoryNotFoundException;
import dev.scms.store.StoreBusyException;
import dev.scms.store.StoreException;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns anything a tool throws into an {@code isError} result with a plain sentence, so that
 * the assistant can correct itself and the server keeps running. Invalid arguments are
 * reported this way too, as the MCP specification recommends for input validation errors.
 */
final class ToolFailures {

    private static final Logger LOG = LoggerFactory.getLogger(ToolFailures.class);

    private ToolFailures() {
    }

    static CallToolResult toResult(String tool, Throwable failure) {
        String message = message(tool, failure);
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("error", category(failure));
        structured.put("message", message);
        if (failure instanceof InvalidInputException invalid) {
            structured.put("argument", invalid.argument());
        }
        return CallToolResult.builder().addTextContent(message).structuredContent(structured).isError(true).build();
    }

    private static String message(String tool, Throwable failure) {
        if (failure instanceof InvalidInputException || failure instanceof NotEligibleException) {
            LOG.debug("Tool {} rejected its input: {}", tool, failure.getMessage());
            return tool + ": " + failure.getMessage();
        }
        if (failure instanceof MemoryNotFoundException notFound) {
            LOG.debug("Tool {}: memory {} not found", tool, notFound.id());
            return tool + ": memory " + notFound.id()
                    + " not found; use an id from a retrieve_memories result.";
        }
        if (failure instanceof StoreBusyException) {
            LOG.warn("Tool {}: {}", tool, failure.getMessage());
            return tool + ": " + failure.getMessage() + ". Nothing was changed.";
        }
        if (failure instanceof StoreException || failure instanceof EmbeddingException) {
            LOG.error("Tool {} failed", tool, failure);
            return tool + " failed: " + failure.getMessage() + ". The server is still running.";
        }
        LOG.error("Tool {} failed with an unexpected error", tool, failure);
        return tool + " failed with an internal error (" + failure.getClass().getSimpleName() + ": "
                + failure.getMessage() + "). The server is still running; the log has the details.";
    }

    private static String category(Throwable failure) {
        if (failure instanceof InvalidInputException) {
            return "invalid_argument";
        }
        if (failure instanceof NotEligibleException) {
            return "not_eligible";
        }
        if (failure instanceof MemoryNotFoundException) {
            return "not_found";
        }
        if (failure instanceof StoreBusyException) {
            return "busy";
        }
        return "internal";
    }
}

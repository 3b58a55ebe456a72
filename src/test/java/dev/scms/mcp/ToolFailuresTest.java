package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.core.InvalidInputException;
import dev.scms.core.NotEligibleException;
import dev.scms.store.MemoryNotFoundException;
import dev.scms.store.StoreBusyException;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolFailuresTest {

    @Test
    void invalidArgumentNamesTheArgument() {
        CallToolResult result = ToolFailures.toResult("retrieve_memories", new InvalidInputException("k",
                "must lie between 1 and 20, got 50"));

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("retrieve_memories: invalid argument 'k': must lie between 1 and 20, got 50");
        assertThat(structured(result)).containsEntry("error", "invalid_argument").containsEntry("argument", "k");
    }

    @Test
    void errorBecomesResultNotCrash() {
        CallToolResult result = ToolFailures.toResult("remember", new OutOfMemoryError("Java heap space"));

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("internal error").contains("OutOfMemoryError").contains("still running");
        assertThat(structured(result)).containsEntry("error", "internal");
    }

    @Test
    void notFoundNamesTheId() {
        CallToolResult result = ToolFailures.toResult("forget", new MemoryNotFoundException(42));

        assertThat(text(result)).contains("memory 42 not found");
        assertThat(structured(result)).containsEntry("error", "not_found");
    }

    @Test
    void busyStoreSaysNothingChanged() {
        CallToolResult result = ToolFailures.toResult("record_use", new StoreBusyException(
                "database /tmp/x.db is busy; try again", new RuntimeException("SQLITE_BUSY")));

        assertThat(text(result)).contains("busy").endsWith("busy; try again. Nothing was changed.");
        assertThat(structured(result)).containsEntry("error", "busy");
    }

    @Test
    void notEligibleKeepsItsMessage() {
        CallToolResult result = ToolFailures.toResult("promote", new NotEligibleException("needs 3 more uses"));

        assertThat(text(result)).isEqualTo("promote: needs 3 more uses");
        assertThat(structured(result)).containsEntry("error", "not_eligible");
    }

    @Test
    void resultHasNoNullValues() {
        CallToolResult result = ToolFailures.toResult("promote", new IllegalStateException());

        assertThat(structured(result).values()).doesNotContainNull();
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }
}

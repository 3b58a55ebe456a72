package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteViewTest {

    private static final String GITHUB_TOKEN = "ghp_0123456789abcdefghijABCDEFGHIJklmnop";

    @TempDir
    Path temp;

    private McpFixture fixture;
    private ScmsTools tools;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new McpFixture(temp);
        tools = new ScmsTools(fixture.scms, fixture.settings, Path.of(fixture.project.value()),
                McpJsonDefaults.getMapper());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private CallToolResult call(String name, Map<String, Object> arguments) {
        SyncToolSpecification tool = tools.specifications().stream()
                .filter(spec -> spec.tool().name().equals(name)).findFirst().orElseThrow();
        return tool.callHandler().apply(fixture.exchange, CallToolRequest.builder(name).arguments(arguments).build());
    }

    private static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    @Test
    void rememberNamesRedactedKinds() {
        CallToolResult result = call("remember", Map.of("text", "Push with " + GITHUB_TOKEN
                + " after setting password=hunter22 in the CI settings."));

        assertThat(result.isError()).isFalse();
        assertThat(text(result)).endsWith("\nRedacted before storage: 1 github_token, 1 password.");
        assertThat(text(result)).doesNotContain(GITHUB_TOKEN).doesNotContain("hunter22");
        assertThat(structured(result)).containsEntry("redacted", Map.of("github_token", 1, "password", 1));
    }

    @Test
    void logFailureNamesRedactedKinds() {
        CallToolResult result = call("log_failure", Map.of("kind", "bug_pattern", "title", "Deploy rejected",
                "symptom", "401 with Authorization: Bearer abcdef0123456789"));

        assertThat(text(result)).endsWith("\nRedacted before storage: 1 bearer_token.");
        assertThat(structured(result)).containsEntry("redacted", Map.of("bearer_token", 1));
    }

    @Test
    void cleanWriteOmitsRedacted() {
        CallToolResult result = call("remember", Map.of("text", "Run migrations inside one transaction."));

        assertThat(text(result)).doesNotContain("Redacted");
        assertThat(structured(result)).doesNotContainKey("redacted");
    }
}

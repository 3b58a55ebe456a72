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

class RetrieveToolTest {

    @TempDir
    Path temp;

    private McpFixture fixture;
    private SyncToolSpecification retrieve;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new McpFixture(temp);
        retrieve = new ScmsTools(fixture.scms, fixture.settings, Path.of(fixture.project.value()),
                McpJsonDefaults.getMapper()).specifications().stream()
                .filter(spec -> spec.tool().name().equals("retrieve_memories")).findFirst().orElseThrow();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private CallToolResult call(Map<String, Object> arguments) {
        return retrieve.callHandler().apply(fixture.exchange, CallToolRequest.builder("retrieve_memories")
                .arguments(arguments).build());
    }

    private static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @Test
    void maxTokensBelowSettingRangeRejected() {
        CallToolResult result = call(Map.of("query", "sqlite locks", "max_tokens", 150));

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("max_tokens").contains("200").contains("20000");
    }

    @Test
    void maxTokensAtSettingMinimumAccepted() {
        CallToolResult result = call(Map.of("query", "sqlite locks", "max_tokens", 200));

        assertThat(result.isError()).isFalse();
    }

    @Test
    void schemaRangeMatchesSetting() {
        assertThat(ToolSchemas.RETRIEVE).contains("\"minimum\": 200, \"maximum\": 20000");
    }

    @Test
    void controlCharactersInProjectRejected() {
        CallToolResult result = call(Map.of("query", "sqlite locks", "project", "\u0000evil"));

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("'project'").contains("remove the NUL character");
        assertThat(fixture.store.findProjectsByName("\u0000evil")).isEmpty();
    }
}

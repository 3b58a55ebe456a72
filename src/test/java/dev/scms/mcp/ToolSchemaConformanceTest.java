package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meta-schema check of the tool schemas that the server skips at start (see DeferredSchemaValidator). */
class ToolSchemaConformanceTest {

    @TempDir
    Path temp;

    @Test
    void toolSchemasConformToMetaSchema() throws Exception {
        JsonSchemaValidator sdkValidator = McpJsonDefaults.getSchemaValidator();
        try (McpFixture fixture = new McpFixture(temp)) {
            List<SyncToolSpecification> tools = new ScmsTools(fixture.scms, fixture.settings, temp,
                    McpJsonDefaults.getMapper()).specifications();

            assertThat(tools).isNotEmpty();
            for (SyncToolSpecification tool : tools) {
                McpSchema.Tool definition = tool.tool();
                ValidationResponse input = sdkValidator.validateSchema(definition.inputSchema());
                assertThat(input.valid()).as(definition.name() + ": " + input.errorMessage()).isTrue();
                assertThat(definition.outputSchema()).as(definition.name()).isNull();
            }
        }
    }

    @Test
    void deferredValidatorCreatedOnFirstValidation() {
        DeferredSchemaValidator validator = new DeferredSchemaValidator();

        assertThat(validator.validateSchema(Map.of("type", "object")).valid()).isTrue();
        assertThat(validator.created()).isFalse();

        Map<String, Object> schema = Map.of("type", "object", "required", List.of("query"));
        assertThat(validator.validate(schema, Map.of("query", "x")).valid()).isTrue();
        assertThat(validator.validate(schema, Map.of()).valid()).isFalse();
        assertThat(validator.created()).isTrue();
    }
}

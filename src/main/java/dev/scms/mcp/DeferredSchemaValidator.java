package dev.scms.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;

/**
 * The MCP SDK's JSON-schema validator, created on its first {@link #validate} call instead of
 * when the server is built. Creating it loads the networknt validator and the draft 2020-12
 * meta-schema, about 140 ms of class loading before the {@code initialize} reply on a busy machine,
 * only for the SDK to check each tool's input schema against that meta-schema once. The tool schemas are
 * constants of this server, so {@code ToolSchemaConformanceTest} makes that check at build time,
 * and {@link #validateSchema} keeps the interface's default, which accepts every schema.
 *
 * <p>The server sets {@code validateToolInputs(false)} and its tools declare no output schema, so
 * {@link #validate} runs only if one of those changes.
 */
final class DeferredSchemaValidator implements JsonSchemaValidator {

    private volatile JsonSchemaValidator delegate;

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        return delegate().validate(schema, structuredContent);
    }

    /** Returns true once the SDK's validator exists. */
    boolean created() {
        return delegate != null;
    }

    private JsonSchemaValidator delegate() {
        JsonSchemaValidator created = delegate;
        if (created == null) {
            synchronized (this) {
                created = delegate;
                if (created == null) {
                    created = McpJsonDefaults.getSchemaValidator();
                    delegate = created;
                }
            }
        }
        return created;
    }
}

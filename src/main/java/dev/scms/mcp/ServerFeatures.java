package dev.scms.mcp;

import dev.scms.config.Settings;
import dev.scms.core.Scms;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tools, resources and prompts that every transport serves, with the one {@link CallScopes}
 * they share, and the server settings that go with them. Stdio and Streamable HTTP build their
 * MCP server from one instance of this class each.
 */
final class ServerFeatures {

    private final CallScopes scopes;
    private final ScmsTools tools;
    private final List<SyncToolSpecification> toolSpecifications;
    private final ScmsResources resources;
    private final ScmsPrompts prompts;

    ServerFeatures(Scms scms, Settings settings, Path workingFolder, McpJsonMapper mapper) {
        this.scopes = new CallScopes(scms, settings, workingFolder);
        this.tools = new ScmsTools(scms, settings, scopes, mapper);
        this.toolSpecifications = tools.specifications();
        this.resources = new ScmsResources(scms, scopes, mapper);
        this.prompts = new ScmsPrompts(scms, settings, scopes);
    }

    CallScopes scopes() {
        return scopes;
    }

    Set<String> toolNames() {
        Set<String> names = new HashSet<>();
        toolSpecifications.forEach(specification -> names.add(specification.tool().name()));
        return names;
    }

    Set<String> promptNames() {
        Set<String> names = new HashSet<>();
        prompts.specifications().forEach(specification -> names.add(specification.prompt().name()));
        return names;
    }

    /** Adds the features and the server's identity to a transport's specification and builds the server. */
    McpSyncServer build(McpServer.SyncSpecification<?> specification, String version) {
        return specification
                .serverInfo("scms", version)
                .instructions(ServerInstructions.TEXT)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false)
                        .prompts(false).build())
                .tools(toolSpecifications)
                .resources(resources.resources())
                .resourceTemplates(resources.templates())
                .uriTemplateManagerFactory(new ProjectUriTemplates())
                .prompts(prompts.specifications())
                .rootsChangeHandler((exchange, roots) -> tools.rootsChanged(exchange))
                .validateToolInputs(false)
                .jsonSchemaValidator(new DeferredSchemaValidator())
                .requestTimeout(Duration.ofMinutes(5))
                .build();
    }
}

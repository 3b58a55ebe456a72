package dev.scms.mcp;

import dev.scms.config.EchoedText;
import dev.scms.core.Scms;
import dev.scms.mcp.CallScopes.Call;
import dev.scms.model.ProjectKey;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The resources: the rules, stats and session layer of the current project and session, and
 * templates for the rules and stats of any known project. The current project is resolved as
 * for a tool call without a {@code project} argument.
 */
final class ScmsResources {

    static final String RULES = "scms://rules";
    static final String STATS = "scms://stats";
    static final String SESSION = "scms://session";
    static final String MARKDOWN = "text/markdown";
    static final String JSON = "application/json";

    private final Scms scms;
    private final CallScopes scopes;
    private final McpJsonMapper mapper;

    ScmsResources(Scms scms, CallScopes scopes, McpJsonMapper mapper) {
        this.scms = scms;
        this.scopes = scopes;
        this.mapper = mapper;
    }

    List<SyncResourceSpecification> resources() {
        return List.of(
                resource(RULES, "rules", "Project rules", MARKDOWN, "The active rules of the current project as "
                        + "Markdown, the same text that scms rules sync writes.", this::rules),
                resource(STATS, "stats", "Memory stats", JSON, "memory_stats of the current project as JSON: "
                        + "counts, recent retrievals, this session and the totals of ended sessions.", this::stats),
                resource(SESSION, "session", "Session dashboard", JSON, "What this MCP session retrieved, used and "
                        + "logged so far, as JSON.", this::session));
    }

    List<SyncResourceTemplateSpecification> templates() {
        return List.of(
                template(RULES + "/{project}", "rules-of-project", "Rules of a project", MARKDOWN, "The active "
                        + "rules of a project, named by its name or its URL-encoded folder path.", this::rulesOf),
                template(STATS + "/{project}", "stats-of-project", "Stats of a project", JSON, "memory_stats of a "
                        + "project, named by its name or its URL-encoded folder path.", this::statsOf));
    }

    private String rules(Call call, String uri) {
        return scms.rules().markdown(scms.projects().resolve(Optional.empty(), call.context()));
    }

    private String stats(Call call, String uri) {
        ProjectKey project = scms.projects().resolve(Optional.empty(), call.context());
        return json(StatsView.structured(scms.statsOf(Optional.of(project), call.session())));
    }

    private String session(Call call, String uri) {
        return json(SessionView.structured(scms.session(call.session())));
    }

    private String rulesOf(Call call, String uri) {
        return scms.rules().markdown(knownProject(call, uri, RULES + "/"));
    }

    private String statsOf(Call call, String uri) {
        ProjectKey project = knownProject(call, uri, STATS + "/");
        return json(StatsView.structured(scms.statsOf(Optional.of(project), call.session())));
    }

    /** Resolves the project part of a template URI; a project the store has never seen is an error. */
    private ProjectKey knownProject(Call call, String uri, String prefix) {
        String named = ProjectSegment.decode(uri, prefix);
        ProjectKey project = scms.projects().resolve(Optional.of(named), call.context());
        if (!scms.projects().isKnown(project)) {
            throw ResourceFailures.error(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND, "Project " + EchoedText.quote(named)
                    + " not found: no memory, use or failure is stored for it yet. Give the name or the URL-encoded "
                    + "folder of a project that SCMS has stored, such as " + prefix + "%2Fhome%2Fme%2Fshop.");
        }
        return project;
    }

    private String json(Map<String, Object> structured) {
        try {
            return mapper.writeValueAsString(structured);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the resource as JSON failed", e);
        }
    }

    private SyncResourceSpecification resource(String uri, String name, String title, String mimeType,
            String description, BiFunction<Call, String, String> reader) {
        McpSchema.Resource resource = McpSchema.Resource.builder(uri, name).title(title)
                .description(description).mimeType(mimeType).build();
        return new SyncResourceSpecification(resource, (exchange, request) -> read(exchange, request.uri(), mimeType,
                reader));
    }

    private SyncResourceTemplateSpecification template(String uriTemplate, String name, String title, String mimeType,
            String description, BiFunction<Call, String, String> reader) {
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder(uriTemplate, name).title(title).description(description).mimeType(mimeType).build();
        return new SyncResourceTemplateSpecification(template, (exchange, request) -> read(exchange, request.uri(),
                mimeType, reader));
    }

    private ReadResourceResult read(McpSyncServerExchange exchange, String uri, String mimeType,
            BiFunction<Call, String, String> reader) {
        return ResourceFailures.guard(uri, () -> {
            String text = reader.apply(scopes.of(exchange), uri);
            TextResourceContents contents = TextResourceContents.builder(uri, text).mimeType(mimeType).build();
            return ReadResourceResult.builder(List.of(contents)).build();
        });
    }
}

package dev.scms.mcp;

import io.modelcontextprotocol.util.DefaultMcpUriTemplateManagerFactory;
import io.modelcontextprotocol.util.McpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManagerFactory;
import java.util.List;
import java.util.Map;

/**
 * Matches the templates that end in {@value #VARIABLE} against every URI with their prefix,
 * also an empty project ({@code scms://rules/}) or one with a slash that is not percent-encoded.
 * The SDK's default matcher (2.2.0) requires one non-empty segment without a slash and replies
 * to any other URI with a bare "Resource not found". With this matcher, {@link ProjectSegment}
 * gets the URI and can report what is invalid in it. Other templates and plain resource URIs match
 * as the SDK matches them.
 */
final class ProjectUriTemplates implements McpUriTemplateManagerFactory {

    static final String VARIABLE = "{project}";

    private final McpUriTemplateManagerFactory standard = new DefaultMcpUriTemplateManagerFactory();

    @Override
    public McpUriTemplateManager create(String uriTemplate) {
        McpUriTemplateManager delegate = standard.create(uriTemplate);
        if (!uriTemplate.endsWith("/" + VARIABLE)) {
            return delegate;
        }
        String prefix = uriTemplate.substring(0, uriTemplate.length() - VARIABLE.length());
        return new McpUriTemplateManager() {
            @Override
            public List<String> getVariableNames() {
                return delegate.getVariableNames();
            }

            @Override
            public Map<String, String> extractVariableValues(String uri) {
                return uri != null && uri.startsWith(prefix) ? Map.of("project", uri.substring(prefix.length()))
                        : Map.of();
            }

            @Override
            public boolean matches(String uri) {
                return uri != null && uri.startsWith(prefix);
            }

            @Override
            public boolean isUriTemplate(String uri) {
                return delegate.isUriTemplate(uri);
            }
        };
    }
}

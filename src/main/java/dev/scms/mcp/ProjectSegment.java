package dev.scms.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the {@code {project}} part of a resource URI such as {@code scms://rules/{project}}: a
 * project name, or a folder path with its slashes percent-encoded ({@code %2Fhome%2Fme%2Fshop}).
 * A plus sign stays a plus sign, as in a URI path.
 */
final class ProjectSegment {

    private ProjectSegment() {
    }

    /** Returns the decoded project of {@code uri}, which starts with {@code prefix}. */
    static String decode(String uri, String prefix) {
        String segment = uri.substring(prefix.length());
        if (segment.isBlank()) {
            throw ResourceFailures.error(McpSchema.ErrorCodes.INVALID_PARAMS, "Invalid resource URI " + uri
                    + ": the project is missing; append a project name or a URL-encoded folder path");
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ResourceFailures.error(McpSchema.ErrorCodes.INVALID_PARAMS, "Invalid resource URI " + uri
                    + ": the project '" + segment + "' is not valid percent-encoding (" + e.getMessage()
                    + "); encode a folder path as in %2Fhome%2Fme%2Fshop");
        }
        if (decoded.isBlank()) {
            throw ResourceFailures.error(McpSchema.ErrorCodes.INVALID_PARAMS, "Invalid resource URI " + uri
                    + ": the project is blank; give a project name or a URL-encoded folder path");
        }
        return decoded;
    }
}

package dev.scms.mcp;

import dev.scms.config.EchoedText;
import io.modelcontextprotocol.spec.McpError;
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
        String example = " such as " + prefix + "%2Fhome%2Fme%2Fshop or " + prefix + "shop";
        if (segment.isBlank()) {
            throw invalid(uri, "the project segment after " + prefix + " is empty; append a project name or a "
                    + "URL-encoded folder path," + example);
        }
        if (segment.contains("/")) {
            throw invalid(uri, "the project " + EchoedText.quote(segment) + " contains a '/'; percent-encode "
                    + "each slash of a folder path as %2F," + example);
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(uri, "the project " + EchoedText.quote(segment) + " is not valid percent-encoding ("
                    + e.getMessage() + "); encode a folder path as in %2Fhome%2Fme%2Fshop");
        }
        if (decoded.isBlank()) {
            throw invalid(uri, "the project is blank; give a project name or a URL-encoded folder path,"
                    + example);
        }
        return decoded;
    }

    private static McpError invalid(String uri, String problem) {
        return ResourceFailures.error(McpSchema.ErrorCodes.INVALID_PARAMS, "Invalid resource URI "
                + EchoedText.quote(uri) + ": " + problem);
    }
}

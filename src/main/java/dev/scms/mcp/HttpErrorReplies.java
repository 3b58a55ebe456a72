package dev.scms.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scms.config.EchoedText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the error replies of the HTTP endpoint: a JSON object with {@code error}, a short code,
 * and {@code error_description}, a sentence that names the value and what to do. It also
 * turns the error replies of the MCP transport, which carry a serialized Java exception, into
 * that shape.
 */
final class HttpErrorReplies {

    /** Bytes of one request body, the same limit as one message over stdio (16 MiB). */
    static final int MAX_REQUEST_BYTES = 16 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpErrorReplies() {
    }

    /** Sends {@code status} with the JSON error body; the response must not be committed. */
    static void send(HttpServletResponse response, int status, String error, String description)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Sends 413 naming the limit. */
    static void sendTooLarge(HttpServletResponse response) throws IOException {
        send(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request_too_large", "the request body"
                + " is larger than " + MAX_REQUEST_BYTES + " bytes (16 MiB), the limit of one MCP message; send a"
                + " smaller message, for example by splitting a long text");
    }

    /**
     * Sends our reply in place of an error reply of the transport, keeping its status.
     *
     * @param transportBody the body the transport wrote, read only for its message
     */
    static void replaceTransportError(HttpServletRequest request, HttpServletResponse response, int status,
            byte[] transportBody) throws IOException {
        String session = request.getHeader(HttpAccessFilter.SESSION_HEADER);
        String reason = transportMessage(transportBody);
        switch (status) {
            case HttpServletResponse.SC_NOT_FOUND -> send(response, status, "session_not_found", session == null
                    ? "there is nothing at " + EchoedText.quote(request.getRequestURI()) + "; send MCP requests to "
                            + HttpMcpServer.ENDPOINT
                    : "session " + EchoedText.quote(session) + " is unknown or has ended, for example after a"
                            + " server restart; send initialize without the " + HttpAccessFilter.SESSION_HEADER
                            + " header to start a new session");
            case HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE -> sendTooLarge(response);
            case HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE -> send(response, status, "unsupported_media_type",
                    "Content-Type " + quoted(request.getContentType()) + " is not supported; send"
                            + " Content-Type: application/json");
            case HttpServletResponse.SC_METHOD_NOT_ALLOWED -> send(response, status, "method_not_allowed",
                    "method " + EchoedText.quote(request.getMethod()) + " is not allowed; use POST, GET or DELETE");
            default -> send(response, status, status < 500 ? "invalid_request" : "server_error", "the MCP"
                    + " transport rejected the " + request.getMethod() + " request" + reason + (status < 500
                            ? "; fix the request as the MCP Streamable HTTP transport describes"
                            : "; try again, and see the server log if it fails again"));
        }
    }

    /** Returns the header value quoted for a message, or "(none)" when the request has no such header. */
    static String quoted(String header) {
        return header == null ? "(none)" : EchoedText.quote(header);
    }

    /** Returns ": " and the message of the transport's error body, or "" when it has none. */
    private static String transportMessage(byte[] body) {
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || !tree.isObject()) {
                return "";
            }
            JsonNode message = tree.path("jsonRpcError").path("message");
            if (!message.isTextual()) {
                message = tree.path("message");
            }
            return message.isTextual() ? ": " + EchoedText.shorten(message.asText()) : "";
        } catch (IOException e) {
            return "";
        }
    }
}

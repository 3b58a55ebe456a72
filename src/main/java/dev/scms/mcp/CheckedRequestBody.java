package dev.scms.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scms.config.EchoedText;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the body of a POST up to {@link HttpErrorReplies#MAX_REQUEST_BYTES} and checks that it is
 * one JSON object, so that a client gets a reply naming the problem instead of the transport's.
 * The transport then reads the same bytes from {@link #request()}.
 */
final class CheckedRequestBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServletRequest request;
    private final byte[] body;

    private CheckedRequestBody(HttpServletRequest request, byte[] body) {
        this.request = request;
        this.body = body;
    }

    /** A rejected body: the status and the error reply's code and description. */
    record Problem(int status, String error, String description) {
    }

    /**
     * Reads the body, or returns empty when it is larger than the limit. A body that is not one
     * JSON object gives a {@link Problem} through {@link #problem()}.
     */
    static Optional<CheckedRequestBody> read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > HttpErrorReplies.MAX_REQUEST_BYTES) {
            return Optional.empty();
        }
        try (InputStream input = request.getInputStream()) {
            byte[] body = input.readNBytes(HttpErrorReplies.MAX_REQUEST_BYTES + 1);
            if (body.length > HttpErrorReplies.MAX_REQUEST_BYTES) {
                return Optional.empty();
            }
            return Optional.of(new CheckedRequestBody(request, body));
        }
    }

    /** Returns why the body is not one JSON object, or empty when it is one. */
    Optional<Problem> problem() {
        String what = "send one JSON-RPC message as a JSON object";
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return Optional.of(invalid("the body is empty; " + what));
        }
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree.isArray()) {
                return Optional.of(invalid("the body is a JSON array, and batches are not supported; " + what
                        + " per request"));
            }
            if (!tree.isObject()) {
                return Optional.of(invalid("the body is a JSON " + tree.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an object; " + what));
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.of(invalid("the body is not valid JSON: " + EchoedText.shorten(e.getOriginalMessage())
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + "; " + what));
        } catch (IOException e) {
            return Optional.of(invalid("the body cannot be read as JSON: " + EchoedText.shorten(
                    String.valueOf(e.getMessage())) + "; " + what));
        }
    }

    private static Problem invalid(String description) {
        return new Problem(400, "invalid_request", description);
    }

    /** Returns the request with its body readable again, once, as stream or reader. */
    HttpServletRequest request() {
        return new HttpServletRequestWrapper(request) {
            private final ByteArrayInputStream input = new ByteArrayInputStream(body);

            @Override
            public ServletInputStream getInputStream() {
                return new ServletInputStream() {
                    @Override
                    public int read() {
                        return input.read();
                    }

                    @Override
                    public int read(byte[] bytes, int offset, int length) {
                        return input.read(bytes, offset, length);
                    }

                    @Override
                    public boolean isFinished() {
                        return input.available() == 0;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        throw new IllegalStateException("the body is already read and is served from memory");
                    }
                };
            }

            @Override
            public BufferedReader getReader() {
                // JSON exchanged between systems is UTF-8 (RFC 8259), whatever charset the Content-Type names.
                return new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
            }
        };
    }
}

package dev.scms.mcp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the parts of a request that the transport would reject with a serialized exception: the
 * session header of GET and DELETE, and the Content-Type, size and JSON of a POST body. Each
 * rejection is a JSON error reply that names the value.
 */
final class HttpRequestChecks {

    private HttpRequestChecks() {
    }

    /**
     * Returns the request to pass on, with its body readable again, or sends the error reply and
     * returns empty.
     */
    static Optional<HttpServletRequest> check(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String method = request.getMethod();
        if ((method.equals("GET") || method.equals("DELETE"))
                && request.getHeader(HttpAccessFilter.SESSION_HEADER) == null) {
            HttpErrorReplies.send(response, HttpServletResponse.SC_BAD_REQUEST, "missing_session", method
                    + " needs the " + HttpAccessFilter.SESSION_HEADER + " header with the session id that the reply"
                    + " to initialize carried; send initialize with POST first");
            return Optional.empty();
        }
        if (!method.equals("POST")) {
            return Optional.of(request);
        }
        if (!isJson(request.getContentType())) {
            HttpErrorReplies.send(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "Content-Type " + HttpErrorReplies.quoted(request.getContentType()) + " is not supported; send"
                            + " Content-Type: application/json");
            return Optional.empty();
        }
        Optional<CheckedRequestBody> body = CheckedRequestBody.read(request);
        if (body.isEmpty()) {
            HttpErrorReplies.sendTooLarge(response);
            return Optional.empty();
        }
        Optional<CheckedRequestBody.Problem> problem = body.get().problem();
        if (problem.isPresent()) {
            HttpErrorReplies.send(response, problem.get().status(), problem.get().error(),
                    problem.get().description());
            return Optional.empty();
        }
        return Optional.of(body.get().request());
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }
}

package dev.scms.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A request for the context block of one prompt: the prompt text (empty at the start of a
 * session), an optional project argument, the number of patterns ({@code k}), the token budget
 * of the whole block and the session it belongs to.
 */
public record ContextRequest(Optional<String> query, Optional<String> project, int k, int maxTokens, String session) {

    public ContextRequest {
        Objects.requireNonNull(query, "query");
        query = query.filter(text -> !Texts.isBlank(text));
        Objects.requireNonNull(project, "project");
        if (k < 1 || k > RetrieveRequest.MAX_K) {
            throw new InvalidInputException("k", "must lie between 1 and " + RetrieveRequest.MAX_K + ", got " + k);
        }
        if (maxTokens < 1) {
            throw new InvalidInputException("max_tokens", "must be at least 1, got " + maxTokens);
        }
        session = session == null ? "" : session;
    }
}

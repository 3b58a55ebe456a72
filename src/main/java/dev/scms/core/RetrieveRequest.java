package dev.scms.core;

import dev.scms.model.Kind;
import dev.scms.model.Layer;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One retrieval: the query, an optional project argument, how many patterns ({@code k}),
 * which layers and kinds (empty: all), a token budget and the session it belongs to.
 */
public record RetrieveRequest(String query, Optional<String> project, int k, Set<Layer> layers, Set<Kind> kinds,
        int maxTokens, String session) {

    public static final int MAX_K = 20;
    /**
     * The range of the token budget, the same for the tool argument and the {@code max_tokens} setting.
     * The budget covers the whole returned text, and about 120 tokens of it are a fixed header and
     * footer, so 200 leaves room for one memory.
     */
    public static final int MIN_MAX_TOKENS = 200;
    public static final int MAX_MAX_TOKENS = 20_000;

    public RetrieveRequest {
        if (query == null || Texts.isBlank(query)) {
            throw new InvalidInputException("query", "must not be empty; describe the task or paste the error");
        }
        Objects.requireNonNull(project, "project");
        if (k < 1 || k > MAX_K) {
            throw new InvalidInputException("k", "must lie between 1 and " + MAX_K + ", got " + k);
        }
        layers = Set.copyOf(layers);
        kinds = Set.copyOf(kinds);
        if (maxTokens < MIN_MAX_TOKENS || maxTokens > MAX_MAX_TOKENS) {
            throw new InvalidInputException("max_tokens", "must lie between " + MIN_MAX_TOKENS + " and "
                    + MAX_MAX_TOKENS + ", got " + maxTokens);
        }
        session = session == null ? "" : session;
    }
}

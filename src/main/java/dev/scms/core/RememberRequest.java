package dev.scms.core;

import dev.scms.model.Kind;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A memory to store: {@code text} is required; a missing title is derived from the text.
 * {@code details} carries extra fields (source, fields kept from an import).
 */
public record RememberRequest(String text, Optional<String> title, Kind kind, Optional<String> project,
        String domain, List<String> tags, double importance, Map<String, Object> details,
        Optional<java.time.Instant> createdAt, Optional<String> externalId) {

    public RememberRequest {
        if (text == null || Texts.isBlank(text)) {
            throw new InvalidInputException("text", "must not be empty");
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(project, "project");
        domain = domain == null ? "" : domain.strip();
        tags = List.copyOf(tags);
        if (!(importance >= 0.0 && importance <= 1.0)) {
            throw new InvalidInputException("importance", "must lie between 0 and 1, got " + importance);
        }
        details = Map.copyOf(details);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(externalId, "externalId");
    }
}

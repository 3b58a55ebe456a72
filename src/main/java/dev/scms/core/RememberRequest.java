package dev.scms.core;

import dev.scms.model.Kind;
import dev.scms.model.Status;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A memory to store: {@code text} is required; a missing title is derived from the text.
 * {@code details} carries extra fields (source, fields kept from an import). {@code status} is
 * read by {@link Importer} only, which stores an archived memory as archived; the remember use
 * case stores every memory as active.
 */
public record RememberRequest(String text, Optional<String> title, Kind kind, Optional<String> project,
        String domain, List<String> tags, double importance, Map<String, Object> details,
        Optional<java.time.Instant> createdAt, Optional<String> externalId, Status status) {

    /** A request for an active memory. */
    public RememberRequest(String text, Optional<String> title, Kind kind, Optional<String> project, String domain,
            List<String> tags, double importance, Map<String, Object> details,
            Optional<java.time.Instant> createdAt, Optional<String> externalId) {
        this(text, title, kind, project, domain, tags, importance, details, createdAt, externalId, Status.ACTIVE);
    }

    public RememberRequest {
        if (text == null || Texts.isBlank(text)) {
            throw new InvalidInputException("text", "must not be empty");
        }
        Texts.requireNoNul("text", text);
        Objects.requireNonNull(title, "title").ifPresent(value -> Texts.requireNoNul("title", value));
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(project, "project").ifPresent(value -> Texts.requireNoNul("project", value));
        domain = Texts.requireNoNul("domain", domain == null ? "" : domain.strip());
        tags = List.copyOf(tags);
        tags.forEach(tag -> Texts.requireNoNul("tags", tag));
        if (!(importance >= 0.0 && importance <= 1.0)) {
            throw new InvalidInputException("importance", "must lie between 0 and 1, got " + importance);
        }
        details = Map.copyOf(details);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(status, "status");
    }
}

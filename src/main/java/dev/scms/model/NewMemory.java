package dev.scms.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A memory about to be stored; the store assigns the id, counters and change sequence. */
public record NewMemory(
        Layer layer,
        Kind kind,
        String title,
        String body,
        Map<String, Object> details,
        String domain,
        Optional<ProjectKey> project,
        List<String> tags,
        double importance,
        Instant createdAt,
        String contentHash,
        Optional<String> externalId) {

    public NewMemory {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(kind, "kind");
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank");
        }
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("body must not be blank");
        }
        details = Map.copyOf(details);
        domain = domain == null ? "" : domain;
        Objects.requireNonNull(project, "project");
        tags = List.copyOf(tags);
        if (!(importance >= 0.0 && importance <= 1.0)) {
            throw new IllegalArgumentException("importance must lie in [0, 1], got " + importance);
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(externalId, "externalId");
        if (layer == Layer.L1 && project.isEmpty()) {
            throw new IllegalArgumentException("an L1 memory needs a project");
        }
    }

    /** Returns this memory without its external id, for an import whose id another memory has. */
    public NewMemory withoutExternalId() {
        return new NewMemory(layer, kind, title, body, details, domain, project, tags, importance, createdAt,
                contentHash, Optional.empty());
    }
}

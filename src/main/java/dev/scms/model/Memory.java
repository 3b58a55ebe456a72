package dev.scms.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored lesson with its counters. {@code details} carries the structured parts of a
 * failure (symptom, cause, fix), the source and any fields an import brought along.
 */
public record Memory(
        long id,
        Layer layer,
        Kind kind,
        String title,
        String body,
        Map<String, Object> details,
        String domain,
        Optional<ProjectKey> project,
        List<String> tags,
        double importance,
        Status status,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> lastUsedAt,
        int helpfulCount,
        int unhelpfulCount,
        int retrievalCount,
        int occurrences,
        String contentHash,
        long changeSeq,
        Optional<String> externalId) {

    public Memory {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        details = Map.copyOf(details);
        domain = domain == null ? "" : domain;
        Objects.requireNonNull(project, "project");
        tags = List.copyOf(tags);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(externalId, "externalId");
    }

    /** Returns the time the temporal term counts from: the last helpful use, else creation. */
    public Instant lastTouched() {
        return lastUsedAt.orElse(createdAt);
    }

    /** Returns the provenance link recorded with the memory, if any. */
    public Optional<String> source() {
        Object source = details.get("source");
        return source instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }
}

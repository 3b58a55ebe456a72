package dev.scms.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One {@code record_use} call: an assistant applied a memory with the given outcome. */
public record Use(
        long memoryId,
        String user,
        Optional<ProjectKey> project,
        String session,
        Outcome outcome,
        Instant at,
        Optional<Long> retrievalId,
        String note) {

    public Use {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user must not be blank");
        }
        Objects.requireNonNull(project, "project");
        session = session == null ? "" : session;
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(retrievalId, "retrievalId");
        note = note == null ? "" : note;
    }
}

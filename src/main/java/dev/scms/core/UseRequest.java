package dev.scms.core;

import dev.scms.model.Outcome;
import java.util.Objects;
import java.util.Optional;

/** One record_use call: which memory, the outcome, and optionally the retrieval, user, project and a note. */
public record UseRequest(long memoryId, Outcome outcome, Optional<Long> retrievalId, Optional<String> user,
        Optional<String> project, String note, String session) {

    public UseRequest {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(retrievalId, "retrievalId");
        Objects.requireNonNull(user, "user").ifPresent(value -> Texts.requireNoNul("user", value));
        Objects.requireNonNull(project, "project").ifPresent(value -> Texts.requireNoNul("project", value));
        note = Texts.requireNoNul("note", note == null ? "" : note);
        session = session == null ? "" : session;
    }
}

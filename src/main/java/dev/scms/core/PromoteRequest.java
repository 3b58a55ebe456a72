package dev.scms.core;

import java.util.Objects;
import java.util.Optional;

/** A request to turn an L0 memory into an L1 rule of a project, optionally with concrete rule wording. */
public record PromoteRequest(long memoryId, Optional<String> project, Optional<String> rule, boolean force,
        Optional<String> user) {

    public PromoteRequest {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(user, "user");
    }
}

package dev.scms.store;

import dev.scms.model.ProjectKey;
import java.time.Instant;
import java.util.Optional;

/** A project as first seen: its key, display name, folder when known and creation time. */
public record ProjectInfo(ProjectKey key, String name, Optional<String> root, Instant createdAt) {
}

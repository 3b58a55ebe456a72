package dev.scms.store;

import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.ProjectKey;
import dev.scms.model.Status;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The selection of memories to list. {@code project} empty means every scope; {@code visibleFrom} set
 * means global memories plus those of that project. Empty sets mean no restriction.
 */
public record MemoryFilter(
        Optional<ProjectKey> visibleFrom,
        Set<Layer> layers,
        Set<Kind> kinds,
        Set<Status> statuses,
        int limit,
        int offset) {

    public MemoryFilter {
        Objects.requireNonNull(visibleFrom, "visibleFrom");
        layers = Set.copyOf(layers);
        kinds = Set.copyOf(kinds);
        statuses = Set.copyOf(statuses);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
    }

    /** Active memories in every scope, up to the limit. */
    public static MemoryFilter active(int limit) {
        return new MemoryFilter(Optional.empty(), Set.of(), Set.of(), Set.of(Status.ACTIVE), limit, 0);
    }

    /** Memories of any status in every scope, up to the limit. */
    public static MemoryFilter all(int limit) {
        return new MemoryFilter(Optional.empty(), Set.of(), Set.of(), Set.of(), limit, 0);
    }

    public MemoryFilter visibleFrom(ProjectKey project) {
        return new MemoryFilter(Optional.of(project), layers, kinds, statuses, limit, offset);
    }

    public MemoryFilter withLayers(Set<Layer> newLayers) {
        return new MemoryFilter(visibleFrom, newLayers, kinds, statuses, limit, offset);
    }

    public MemoryFilter withKinds(Set<Kind> newKinds) {
        return new MemoryFilter(visibleFrom, layers, newKinds, statuses, limit, offset);
    }

    public MemoryFilter withOffset(int newOffset) {
        return new MemoryFilter(visibleFrom, layers, kinds, statuses, limit, newOffset);
    }
}

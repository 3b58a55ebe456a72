package dev.scms.core;

import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.rules.RulesFiles;
import dev.scms.store.MemoryNotFoundException;
import dev.scms.store.MemoryStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The forget use case: archives a memory, which keeps it on disk but out of every retrieval, and
 * restores it. Archiving or restoring a rule re-writes its project's rules files when
 * {@code rules_sync} is on.
 */
public final class Forgetter {

    private final MemoryStore store;
    private final RulesAutoSync rulesSync;
    private final Clock clock;

    Forgetter(MemoryStore store, RulesAutoSync rulesSync, Clock clock) {
        this.store = store;
        this.rulesSync = rulesSync;
        this.clock = clock;
    }

    /** The memory after it was archived or restored, and the rules files written afterwards. */
    public record Change(Memory memory, List<RulesFiles.Outcome> rulesFiles) {

        public Change {
            rulesFiles = List.copyOf(rulesFiles);
        }
    }

    public Change forget(long memoryId, String reason) {
        Memory memory = store.find(memoryId).orElseThrow(() -> new MemoryNotFoundException(memoryId));
        if (!memory.isActive()) {
            throw new InvalidInputException("memory_id", "memory " + memoryId + " is already archived; nothing "
                    + "changed");
        }
        Memory archived = store.archive(memoryId, Texts.sanitise(reason == null ? "" : reason.strip()),
                clock.instant());
        return new Change(archived, syncRules("archive of memory " + memoryId, archived));
    }

    /**
     * Restores an archived memory. A memory whose text an active memory of the same kind and scope
     * has (a rule promoted again from the same pattern, say) is rejected, so that restoring never
     * leaves two identical memories active.
     */
    public Change restore(long memoryId) {
        Memory memory = store.find(memoryId).orElseThrow(() -> new MemoryNotFoundException(memoryId));
        if (memory.isActive()) {
            throw new InvalidInputException("memory_id", "memory " + memoryId + " is not archived; nothing changed");
        }
        Optional<Memory> twin = store.findActiveByContentHash(memory.contentHash(), memory.project());
        if (twin.isPresent()) {
            throw new InvalidInputException("memory_id", "memory " + memoryId + " has the same text as active "
                    + "memory " + twin.get().id() + ", so restoring it would store that text twice; nothing changed."
                    + " Archive memory " + twin.get().id() + " first to keep " + memoryId + " instead");
        }
        Memory restored = store.restore(memoryId, clock.instant());
        return new Change(restored, syncRules("restore of memory " + memoryId, restored));
    }

    private List<RulesFiles.Outcome> syncRules(String event, Memory memory) {
        if (memory.layer() != Layer.L1 || memory.project().isEmpty()) {
            return List.of();
        }
        return rulesSync.after(event, memory.project().get());
    }
}

package dev.scms.core;

import dev.scms.model.Memory;
import dev.scms.store.MemoryNotFoundException;
import dev.scms.store.MemoryStore;
import java.time.Clock;

/** The forget use case: archives a memory, which keeps it on disk but out of every retrieval. */
public final class Forgetter {

    private final MemoryStore store;
    private final Clock clock;

    public Forgetter(MemoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Memory forget(long memoryId, String reason) {
        Memory memory = store.find(memoryId).orElseThrow(() -> new MemoryNotFoundException(memoryId));
        if (!memory.isActive()) {
            throw new InvalidInputException("memory_id", "memory " + memoryId + " is already archived; nothing "
                    + "changed");
        }
        return store.archive(memoryId, Texts.sanitise(reason == null ? "" : reason.strip()), clock.instant());
    }

    public Memory restore(long memoryId) {
        Memory memory = store.find(memoryId).orElseThrow(() -> new MemoryNotFoundException(memoryId));
        if (memory.isActive()) {
            throw new InvalidInputException("memory_id", "memory " + memoryId + " is not archived; nothing changed");
        }
        return store.restore(memoryId, clock.instant());
    }
}

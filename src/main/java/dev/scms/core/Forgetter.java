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
        store.find(memoryId).orElseThrow(() -> new MemoryNotFoundException(memoryId));
        return store.archive(memoryId, Texts.sanitise(reason == null ? "" : reason.strip()), clock.instant());
    }

    public Memory restore(long memoryId) {
        store.find(memoryId).orElseThrow(() -> new MemoryNotFoundException(memoryId));
        return store.restore(memoryId, clock.instant());
    }
}

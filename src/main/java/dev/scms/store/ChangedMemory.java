package dev.scms.store;

import dev.scms.model.Memory;
import java.util.Optional;

/** A memory returned by {@link MemoryStore#changesSince}, with its vector when stored. */
public record ChangedMemory(Memory memory, Optional<float[]> vector) {
}

package dev.scms.store;

import dev.scms.model.Memory;
import java.util.Objects;

/**
 * The outcome of {@link MemoryStore#insertUnlessPresent}: the memory stored now when
 * {@code inserted} is true, otherwise the existing memory that made the insert a duplicate.
 */
public record InsertResult(Memory memory, boolean inserted) {

    public InsertResult {
        Objects.requireNonNull(memory, "memory");
    }
}

package dev.scms.store;

import dev.scms.model.Memory;
import java.util.List;
import java.util.Optional;

/**
 * A memory returned by {@link MemoryStore#changesSince}, with its vector and its sentence
 * vectors when stored ({@code sentences} is empty otherwise).
 */
public record ChangedMemory(Memory memory, Optional<float[]> vector, List<float[]> sentences) {

    public ChangedMemory {
        sentences = List.copyOf(sentences);
    }

    public ChangedMemory(Memory memory, Optional<float[]> vector) {
        this(memory, vector, List.of());
    }
}

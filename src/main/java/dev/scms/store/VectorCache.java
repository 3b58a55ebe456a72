package dev.scms.store;

import dev.scms.model.Memory;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory copy of the active memories and their vectors of one model, for fast scans.
 * {@link #refresh()} pulls only what changed since the last refresh, through
 * {@link MemoryStore#changesSince}, so calling it before every retrieval is cheap.
 * Refreshes are serialised by a lock, and {@link #snapshot()} returns an immutable list and never
 * waits for a refresh.
 */
public final class VectorCache {

    /**
     * A cached active memory with its unit-length vector, absent when none of the model is
     * stored, and the unit-length vectors of its sentences, empty when not computed.
     */
    public record CachedMemory(Memory memory, Optional<float[]> vector, List<float[]> sentences) {

        public CachedMemory {
            Objects.requireNonNull(memory, "memory");
            Objects.requireNonNull(vector, "vector");
            sentences = List.copyOf(sentences);
        }

        public CachedMemory(Memory memory, Optional<float[]> vector) {
            this(memory, vector, List.of());
        }
    }

    private final MemoryStore store;
    private final String modelId;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Long, CachedMemory> entries = new HashMap<>();
    private volatile List<CachedMemory> snapshot = List.of();
    private volatile long lastSeq;

    public VectorCache(MemoryStore store, String modelId) {
        this.store = Objects.requireNonNull(store, "store");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
    }

    /**
     * Applies every change since the last refresh: active memories are added or replaced,
     * archived ones removed. Returns the number of changed memories, 0 when nothing changed.
     */
    public int refresh() {
        lock.lock();
        try {
            List<ChangedMemory> changes = store.changesSince(lastSeq, modelId);
            if (changes.isEmpty()) {
                return 0;
            }
            long maxSeq = lastSeq;
            for (ChangedMemory change : changes) {
                Memory memory = change.memory();
                if (memory.isActive()) {
                    List<float[]> sentences = change.sentences().stream().map(VectorCache::unitLength)
                            .flatMap(Optional::stream).toList();
                    entries.put(memory.id(), new CachedMemory(memory, change.vector().flatMap(VectorCache::unitLength),
                            sentences));
                } else {
                    entries.remove(memory.id());
                }
                maxSeq = Math.max(maxSeq, memory.changeSeq());
            }
            // NOTE: each refresh with changes copies every entry, O(n), which suits one user's store.
            snapshot = entries.values().stream()
                    .sorted(Comparator.comparingLong(cached -> cached.memory().id()))
                    .toList();
            lastSeq = maxSeq;
            return changes.size();
        } finally {
            lock.unlock();
        }
    }

    /** Returns the cached active memories ordered by id, as of the last refresh. */
    public List<CachedMemory> snapshot() {
        return snapshot;
    }

    public int size() {
        return snapshot.size();
    }

    /** Returns the highest change sequence applied so far; 0 before the first refresh. */
    public long lastSeq() {
        return lastSeq;
    }

    public String modelId() {
        return modelId;
    }

    /** Returns a unit-length copy of the vector, or empty for a zero or non-finite vector. */
    static Optional<float[]> unitLength(float[] vector) {
        double squares = 0;
        for (float value : vector) {
            squares += (double) value * value;
        }
        double norm = Math.sqrt(squares);
        if (norm == 0 || !Double.isFinite(norm)) {
            return Optional.empty();
        }
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return Optional.of(unit);
    }
}

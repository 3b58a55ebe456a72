package dev.scms.store;

import dev.scms.model.Memory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.LoggerFactory;

/**
 * An in-memory copy of the active memories and their vectors of one model, for fast scans.
 * {@link #refresh()} pulls only what changed since the last refresh, through
 * {@link MemoryStore#changesSince}, so calling it before every retrieval is cheap.
 * Refreshes are serialised by a lock, and {@link #snapshot()} returns an immutable list and never
 * waits for a refresh.
 *
 * <p>When the store names a file for saved vectors ({@link MemoryStore#savedVectorsFile()}), the
 * first refresh takes the vectors of every memory that has not changed since {@link #save()} from
 * that file, and reads only the memory rows and the vectors of the changed memories from the
 * store. Decoding and encoding 25,000 vectors costs a JVM that has just started up to 3 s of CPU
 * time at 10,000 memories.
 */
public final class VectorCache {

    /**
     * A cached active memory with its unit-length vector, absent when none of the model is
     * stored, and the unit-length vectors of its sentences, empty when not computed.
     */
    public record CachedMemory(Memory memory, Optional<float[]> vector, SentenceVectors sentences) {

        public CachedMemory {
            Objects.requireNonNull(memory, "memory");
            Objects.requireNonNull(vector, "vector");
            Objects.requireNonNull(sentences, "sentences");
        }

        public CachedMemory(Memory memory, Optional<float[]> vector, List<float[]> sentences) {
            this(memory, vector, SentenceVectors.of(sentences));
        }

        public CachedMemory(Memory memory, Optional<float[]> vector) {
            this(memory, vector, SentenceVectors.none());
        }
    }

    /** Changes read per query while refreshing. */
    static final int PAGE = 5_000;
    /** Minimum number of memories read from the store since the last save for {@link #save()} to write the file. */
    static final int MIN_UNSAVED = 64;
    /** Number of memories {@link #warmScan()} cycles through, and number of memory scans it runs in all. */
    private static final int WARM_SPAN = 300;
    private static final int WARM_SCANS = 5_000;
    /** A model id that no stored vector has, to read memory rows without their vectors. */
    private static final String NO_MODEL = "";

    private final MemoryStore store;
    private final String modelId;
    private final ReentrantLock lock = new ReentrantLock();
    private final NavigableMap<Long, CachedMemory> entries = new TreeMap<>();
    private volatile List<CachedMemory> snapshot = List.of();
    private volatile long lastSeq;
    private final Optional<Path> savedFile;
    /** Guarded by {@link #lock}: whether the first refresh has looked at the saved vectors. */
    private boolean restoreTried;
    /** Guarded by {@link #lock}: memories whose vectors came from the store since the file was read or written. */
    private int unsaved;

    public VectorCache(MemoryStore store, String modelId) {
        this.store = Objects.requireNonNull(store, "store");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.savedFile = store.savedVectorsFile();
    }

    /**
     * Applies every change since the last refresh: active memories are added or replaced,
     * archived ones removed. Returns the number of changed memories, 0 when nothing changed.
     */
    public int refresh() {
        lock.lock();
        try {
            int changed = 0;
            long maxSeq = lastSeq;
            if (!restoreTried) {
                restoreTried = true;
                Restored restored = savedFile.map(this::restore).orElse(new Restored(0, 0));
                changed = restored.memories();
                maxSeq = restored.readAfter();
            }
            List<ChangedMemory> changes;
            // Pages keep the raw vectors of a first load of 100,000 memories from filling the heap at once.
            do {
                changes = store.changesSince(maxSeq, modelId, PAGE);
                maxSeq = apply(changes, maxSeq);
                changed += changes.size();
                unsaved += changes.size();
            } while (changes.size() >= PAGE);
            if (changed == 0) {
                return 0;
            }
            pack();
            snapshot = List.copyOf(entries.values());
            lastSeq = maxSeq;
            return changed;
        } finally {
            lock.unlock();
        }
    }

    /** The memories taken from the saved vectors, and the change sequence to read the store's changes after. */
    private record Restored(int memories, long readAfter) {
    }

    /**
     * Puts every active memory whose saved vectors match it into the entries. The store's changes
     * must then be read after the lowest change sequence of an active memory without a match,
     * or after the last memory when all matched.
     */
    private Restored restore(Path file) {
        Optional<SavedVectors> saved = SavedVectors.read(file, modelId);
        if (saved.isEmpty()) {
            return new Restored(0, 0);
        }
        long afterSeq = 0;
        long firstMissing = Long.MAX_VALUE;
        int restored = 0;
        List<ChangedMemory> page;
        do {
            page = store.changesSince(afterSeq, NO_MODEL, PAGE);
            for (ChangedMemory change : page) {
                Memory memory = change.memory();
                afterSeq = Math.max(afterSeq, memory.changeSeq());
                if (!memory.isActive()) {
                    continue;
                }
                Optional<CachedMemory> cached = saved.get().find(memory);
                if (cached.isPresent()) {
                    entries.put(memory.id(), cached.get());
                    restored++;
                } else {
                    firstMissing = Math.min(firstMissing, memory.changeSeq());
                }
            }
        } while (page.size() >= PAGE);
        return new Restored(restored, Math.min(afterSeq, firstMissing - 1));
    }

    /**
     * Saves the cached vectors to the store's file for saved vectors when at least
     * {@link #MIN_UNSAVED} memories, and at least a sixteenth of the cache, had their vectors read
     * from the store since the file was last read or written. Returns whether it wrote the file.
     * A failed write is logged and leaves the file as it was.
     */
    public boolean save() {
        if (savedFile.isEmpty()) {
            return false;
        }
        List<CachedMemory> current;
        int pending;
        lock.lock();
        try {
            current = snapshot;
            pending = unsaved;
            if (pending < Math.max(MIN_UNSAVED, current.size() / 16)) {
                return false;
            }
            unsaved = 0;
        } finally {
            lock.unlock();
        }
        try {
            SavedVectors.write(savedFile.get(), modelId, current);
            return true;
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(VectorCache.class).warn("Could not save the vectors to {}: {}; the next start"
                    + " reads them from the database", savedFile.get(), e.toString());
            lock.lock();
            try {
                unsaved += pending;
            } finally {
                lock.unlock();
            }
            return false;
        }
    }

    /** Applies one page of changes to the entries and returns the highest change sequence seen. */
    private long apply(List<ChangedMemory> changes, long afterSeq) {
        long maxSeq = afterSeq;
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
        return maxSeq;
    }

    /**
     * Moves the sentence vectors of every entry into one array in id order, so that a scan of the
     * snapshot reads them front to back: three times as fast as vectors spread over the heap.
     */
    // NOTE: each refresh with changes copies every entry's vectors, O(n): about 3 ms for 10,000
    // memories, and an estimated 30 ms for 100,000.
    private void pack() {
        List<CachedMemory> current = List.copyOf(entries.values());
        List<SentenceVectors> packed = SentenceVectors.pack(current.stream().map(CachedMemory::sentences).toList());
        for (int i = 0; i < current.size(); i++) {
            CachedMemory cached = current.get(i);
            entries.put(cached.memory().id(), new CachedMemory(cached.memory(), cached.vector(), packed.get(i)));
        }
    }

    /**
     * Runs the scan of sentence vectors over the first cached memories often enough for the JIT
     * compiler to compile it. The first retrieval after a start then does not scan 25,000 vectors
     * with interpreted code, which took about 300 ms at 10,000 memories instead of 2 ms. Returns
     * the sum of the best cosines, which keeps the work from being optimised away.
     */
    public double warmScan() {
        List<CachedMemory> current = snapshot;
        Optional<float[]> query = current.stream().filter(cached -> !cached.sentences().isEmpty()).findFirst()
                .map(cached -> cached.sentences().get(0));
        if (query.isEmpty()) {
            return 0;
        }
        int span = Math.min(current.size(), WARM_SPAN);
        double sum = 0;
        for (int i = 0; i < WARM_SCANS; i++) {
            sum += current.get(i % span).sentences().bestDot(query.get());
        }
        return sum;
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

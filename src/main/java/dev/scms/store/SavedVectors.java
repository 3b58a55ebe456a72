package dev.scms.store;

import dev.scms.model.Memory;
import dev.scms.store.VectorCache.CachedMemory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vectors of a {@link VectorCache} saved in a file beside the database, so that a start reads
 * one file instead of decoding and encoding every stored vector. Each entry records the memory's
 * id, change sequence and the hashes of its title and body, and {@link #find} returns it only for
 * a memory that matches all four: a memory changed since the save, or a file from another copy of
 * the database, falls back to the vectors in the store.
 *
 * <p>The file holds, in little-endian order: a header (magic, format version, model id,
 * dimension, number of entries, number of sentence vectors), one record per entry, the memory
 * vectors, the scales and 8-bit codes of the sentence vectors, and the CRC-32 of everything
 * before it. {@link #read} rejects a file whose header, length or checksum disagree, and
 * {@link #write} replaces the file atomically, so a reader never sees half a file.
 */
final class SavedVectors {

    private static final Logger LOG = LoggerFactory.getLogger(SavedVectors.class);
    private static final long MAGIC = 0x3153524f54434556L; // "VECTORS1" read as a little-endian long
    private static final int VERSION = 1;
    /** id, change sequence, title hash, body hash, vector flag, number of sentence vectors. */
    private static final int RECORD_BYTES = Long.BYTES * 2 + Integer.BYTES * 2 + 1 + Integer.BYTES;
    private static final int MAX_MODEL_ID_BYTES = 1024;
    private static final int CHUNK = 1 << 16;
    /** Age after which a temporary file counts as left by a killed process. A write takes well under a second. */
    static final Duration STALE_TEMP = Duration.ofHours(1);

    private final int dimension;
    private final Map<Long, Integer> indexById;
    private final long[] changeSeqs;
    private final int[] titleHashes;
    private final int[] bodyHashes;
    private final float[][] vectors;
    private final int[] firstSentence;
    private final int[] sentenceCounts;
    private final float[] scales;
    private final byte[] codes;

    private SavedVectors(int dimension, long[] ids, long[] changeSeqs, int[] titleHashes, int[] bodyHashes,
            float[][] vectors, int[] sentenceCounts, float[] scales, byte[] codes) {
        this.dimension = dimension;
        this.changeSeqs = changeSeqs;
        this.titleHashes = titleHashes;
        this.bodyHashes = bodyHashes;
        this.vectors = vectors;
        this.sentenceCounts = sentenceCounts;
        this.scales = scales;
        this.codes = codes;
        this.indexById = new HashMap<>(ids.length * 2);
        this.firstSentence = new int[ids.length];
        int next = 0;
        for (int i = 0; i < ids.length; i++) {
            indexById.put(ids[i], i);
            firstSentence[i] = next;
            next += sentenceCounts[i];
        }
    }

    int size() {
        return changeSeqs.length;
    }

    /**
     * Returns the saved vectors of {@code memory} when an entry matches its id, change sequence,
     * title and body; empty otherwise.
     */
    Optional<CachedMemory> find(Memory memory) {
        Integer index = indexById.get(memory.id());
        if (index == null || changeSeqs[index] != memory.changeSeq() || titleHashes[index] != memory.title().hashCode()
                || bodyHashes[index] != memory.body().hashCode()) {
            return Optional.empty();
        }
        SentenceVectors sentences = sentenceCounts[index] == 0 ? SentenceVectors.none()
                : SentenceVectors.view(dimension, codes, scales, firstSentence[index], sentenceCounts[index]);
        float[] vector = vectors[index];
        return Optional.of(new CachedMemory(memory, Optional.ofNullable(vector == null ? null : vector.clone()),
                sentences));
    }

    /**
     * Reads the file saved for {@code modelId}. Returns empty when it is missing, unreadable,
     * of another format or model, cut short, longer than its header states, or fails its checksum.
     */
    static Optional<SavedVectors> read(Path file, String modelId) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            long length = Files.size(file);
            CheckedInputStream checked = new CheckedInputStream(
                    new BufferedInputStream(Files.newInputStream(file), CHUNK), new CRC32());
            Optional<SavedVectors> saved;
            try (LittleEndianInput in = new LittleEndianInput(checked)) {
                saved = read(in, checked, length, modelId);
            }
            if (saved.isEmpty()) {
                LOG.warn("Ignoring the saved vectors in {}: another format or model, or a damaged file; reading the"
                        + " vectors from the database instead", file);
            }
            return saved;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring the saved vectors in {}: {}; reading the vectors from the database instead", file,
                    e.toString());
            return Optional.empty();
        }
    }

    private static Optional<SavedVectors> read(LittleEndianInput in, CheckedInputStream checked, long length,
            String modelId) throws IOException {
        if (in.readLong() != MAGIC || in.readInt() != VERSION) {
            return Optional.empty();
        }
        int modelIdBytes = in.readInt();
        if (modelIdBytes < 0 || modelIdBytes > MAX_MODEL_ID_BYTES) {
            return Optional.empty();
        }
        byte[] savedModel = in.readBytes(modelIdBytes);
        int dimension = in.readInt();
        int count = in.readInt();
        int sentenceTotal = in.readInt();
        if (!new String(savedModel, StandardCharsets.UTF_8).equals(modelId) || dimension <= 0 || count < 0
                || sentenceTotal < 0) {
            return Optional.empty();
        }
        long header = Long.BYTES + Integer.BYTES * 5L + modelIdBytes;
        long fixed = header + (long) count * RECORD_BYTES + (long) sentenceTotal * (Float.BYTES + dimension) + Long.BYTES;
        // The memory vectors are what remains; a length that does not fit is a damaged file.
        long vectorBytes = length - fixed;
        long vectorWidth = (long) dimension * Float.BYTES;
        if (vectorBytes < 0 || vectorBytes % vectorWidth != 0 || vectorBytes / vectorWidth > count) {
            return Optional.empty();
        }
        long[] ids = new long[count];
        long[] changeSeqs = new long[count];
        int[] titleHashes = new int[count];
        int[] bodyHashes = new int[count];
        boolean[] hasVector = new boolean[count];
        int[] sentenceCounts = new int[count];
        long sentencesListed = 0;
        int vectorsListed = 0;
        for (int i = 0; i < count; i++) {
            ids[i] = in.readLong();
            changeSeqs[i] = in.readLong();
            titleHashes[i] = in.readInt();
            bodyHashes[i] = in.readInt();
            hasVector[i] = in.readByte() != 0;
            sentenceCounts[i] = in.readInt();
            if (sentenceCounts[i] < 0) {
                return Optional.empty();
            }
            sentencesListed += sentenceCounts[i];
            vectorsListed += hasVector[i] ? 1 : 0;
        }
        if (sentencesListed != sentenceTotal || vectorsListed != vectorBytes / vectorWidth) {
            return Optional.empty();
        }
        float[][] vectors = new float[count][];
        for (int i = 0; i < count; i++) {
            if (hasVector[i]) {
                vectors[i] = in.readFloats(dimension);
            }
        }
        float[] scales = in.readFloats(sentenceTotal);
        byte[] codes = in.readBytes(Math.multiplyExact(sentenceTotal, dimension));
        long checksum = checked.getChecksum().getValue();
        if (in.readLong() != checksum || checked.read() != -1) {
            return Optional.empty();
        }
        return Optional.of(new SavedVectors(dimension, ids, changeSeqs, titleHashes, bodyHashes, vectors,
                sentenceCounts, scales, codes));
    }

    /**
     * Saves the vectors of {@code memories} for {@code modelId}: writes a temporary file in the
     * same folder, then renames it over {@code file}. Entries whose vectors have another
     * dimension than the first are left out, so the store provides theirs on the next start.
     * Returns the number of entries saved.
     */
    static int write(Path file, String modelId, List<CachedMemory> memories) throws IOException {
        int dimension = dimensionOf(memories);
        List<CachedMemory> saved = new ArrayList<>(memories.size());
        int sentenceTotal = 0;
        for (CachedMemory cached : memories) {
            boolean vectorFits = cached.vector().map(vector -> vector.length == dimension).orElse(true);
            boolean sentencesFit = cached.sentences().isEmpty() || cached.sentences().dimension() == dimension;
            if (vectorFits && sentencesFit) {
                saved.add(cached);
                sentenceTotal += cached.sentences().size();
            }
        }
        Path folder = file.toAbsolutePath().getParent();
        deleteStaleTemporaryFiles(folder, file.getFileName().toString());
        // createTempFile makes the file readable by its owner only, as the database is.
        Path temp = Files.createTempFile(folder, file.getFileName() + ".", ".tmp");
        try {
            CheckedOutputStream checked = new CheckedOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(temp), CHUNK), new CRC32());
            try (LittleEndianOutput out = new LittleEndianOutput(checked)) {
                byte[] model = modelId.getBytes(StandardCharsets.UTF_8);
                out.writeLong(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(model.length);
                out.writeBytes(model);
                out.writeInt(dimension);
                out.writeInt(saved.size());
                out.writeInt(sentenceTotal);
                for (CachedMemory cached : saved) {
                    Memory memory = cached.memory();
                    out.writeLong(memory.id());
                    out.writeLong(memory.changeSeq());
                    out.writeInt(memory.title().hashCode());
                    out.writeInt(memory.body().hashCode());
                    out.writeByte(cached.vector().isPresent() ? 1 : 0);
                    out.writeInt(cached.sentences().size());
                }
                for (CachedMemory cached : saved) {
                    if (cached.vector().isPresent()) {
                        out.writeFloats(cached.vector().get());
                    }
                }
                for (CachedMemory cached : saved) {
                    cached.sentences().writeScales(out);
                }
                for (CachedMemory cached : saved) {
                    cached.sentences().writeCodes(out);
                }
                out.flush();
                out.writeLong(checked.getChecksum().getValue());
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return saved.size();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Deletes the temporary files of writes that a killed process left behind, named
     * {@code <file name>.<number>.tmp}. Only files older than {@link #STALE_TEMP} go, so that the
     * temporary file of a process writing at the same time stays.
     */
    static void deleteStaleTemporaryFiles(Path folder, String fileName) {
        FileTime staleBefore = FileTime.from(Instant.now().minus(STALE_TEMP));
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, globEscaped(fileName) + ".*.tmp")) {
            for (Path temp : temps) {
                if (Files.getLastModifiedTime(temp).compareTo(staleBefore) < 0) {
                    Files.deleteIfExists(temp);
                    LOG.info("Deleted {}, left by a process that stopped while it saved the vectors", temp);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not delete old temporary files of {} in {}: {}", fileName, folder, e.toString());
        }
    }

    private static String globEscaped(String name) {
        return name.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    private static int dimensionOf(List<CachedMemory> memories) {
        for (CachedMemory cached : memories) {
            if (!cached.sentences().isEmpty()) {
                return cached.sentences().dimension();
            }
            if (cached.vector().isPresent()) {
                return cached.vector().get().length;
            }
        }
        return 1;
    }

    /** Reads little-endian values from a stream and fails on a short read. */
    private static final class LittleEndianInput implements AutoCloseable {

        private final InputStream in;
        private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);

        LittleEndianInput(InputStream in) {
            this.in = in;
        }

        private ByteBuffer fill(int bytes) throws IOException {
            buffer.clear();
            int read = in.readNBytes(buffer.array(), 0, bytes);
            if (read != bytes) {
                throw new EOFException("file ends early");
            }
            buffer.limit(bytes);
            return buffer;
        }

        long readLong() throws IOException {
            return fill(Long.BYTES).getLong();
        }

        int readInt() throws IOException {
            return fill(Integer.BYTES).getInt();
        }

        byte readByte() throws IOException {
            return fill(1).get();
        }

        byte[] readBytes(int count) throws IOException {
            byte[] bytes = new byte[count];
            if (in.readNBytes(bytes, 0, count) != count) {
                throw new EOFException("file ends early");
            }
            return bytes;
        }

        float[] readFloats(int count) throws IOException {
            float[] values = new float[count];
            int perChunk = CHUNK / Float.BYTES;
            for (int from = 0; from < count; from += perChunk) {
                int n = Math.min(perChunk, count - from);
                fill(n * Float.BYTES).asFloatBuffer().get(values, from, n);
            }
            return values;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Writes little-endian values to a stream. */
    static final class LittleEndianOutput implements AutoCloseable {

        private final OutputStream out;
        private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);

        LittleEndianOutput(OutputStream out) {
            this.out = out;
        }

        void flush() throws IOException {
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }

        private void ensure(int bytes) throws IOException {
            if (buffer.remaining() < bytes) {
                flush();
            }
        }

        void writeLong(long value) throws IOException {
            ensure(Long.BYTES);
            buffer.putLong(value);
        }

        void writeInt(int value) throws IOException {
            ensure(Integer.BYTES);
            buffer.putInt(value);
        }

        void writeByte(int value) throws IOException {
            ensure(1);
            buffer.put((byte) value);
        }

        void writeBytes(byte[] bytes, int offset, int length) throws IOException {
            flush();
            out.write(bytes, offset, length);
        }

        void writeBytes(byte[] bytes) throws IOException {
            writeBytes(bytes, 0, bytes.length);
        }

        void writeFloats(float[] values, int offset, int length) throws IOException {
            int from = offset;
            while (from < offset + length) {
                ensure(Float.BYTES);
                int n = Math.min(buffer.remaining() / Float.BYTES, offset + length - from);
                buffer.asFloatBuffer().put(values, from, n);
                buffer.position(buffer.position() + n * Float.BYTES);
                from += n;
            }
        }

        void writeFloats(float[] values) throws IOException {
            writeFloats(values, 0, values.length);
        }

        @Override
        public void close() throws IOException {
            flush();
            out.close();
        }
    }
}

package dev.scms.store.sqlite;

import dev.scms.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads the {@code -wal} and {@code -shm} files of a database before SQLite opens it, to find
 * committed transactions that SQLite's recovery would drop without an error. The layouts of the
 * WAL, its checksums and the wal-index follow SQLite's "WAL-mode File Format" document
 * (https://www.sqlite.org/walformat.html) for the unix VFS. Two kinds of problem are reported:
 * <ul>
 * <li>a damaged WAL: its header is not a WAL header, or a frame fails its salt or checksum check
 * while a later commit frame of the same WAL checks out, so recovery stops at the damaged frame
 * and drops the commits after it;</li>
 * <li>a missing or truncated WAL: the wal-index header in {@code -shm} records frames that were
 * not yet copied into the database, but the WAL is gone or shorter than those frames.</li>
 * </ul>
 * A WAL that ends in a partly written frame is normal after a crash and is not reported, because
 * that frame belongs to a transaction that never committed.
 *
 * <p>NOTE: the first SQLite connection to open the database rebuilds {@code -shm}, so a missing
 * or truncated WAL is seen only by the inspection that runs before that first open.
 */
public final class WalInspector {

    static final int WAL_HEADER_BYTES = 32;
    static final int FRAME_HEADER_BYTES = 24;
    private static final int WAL_MAGIC = 0x377f0682;
    private static final int WAL_INDEX_VERSION = 3007000;
    /** The wal-index header is 48 bytes, stored twice, followed by the checkpoint info whose first field is nBackfill. */
    private static final int WAL_INDEX_HEADER_BYTES = 48;
    private static final int BACKFILL_OFFSET = 96;

    private WalInspector() {
    }

    /** A problem found in the WAL of a database; {@code walDamaged} means the WAL file is worth keeping. */
    public record WalProblem(String description, boolean walDamaged) {

        public WalProblem {
            if (description == null || description.isBlank()) {
                throw new IllegalArgumentException("description must not be blank");
            }
        }
    }

    /** Returns the {@code -wal} file of {@code database}. */
    public static Path walFile(Path database) {
        return database.resolveSibling(database.getFileName() + "-wal");
    }

    /** Returns the {@code -shm} file of {@code database}. */
    public static Path shmFile(Path database) {
        return database.resolveSibling(database.getFileName() + "-shm");
    }

    /**
     * Inspects the WAL and wal-index of {@code database}. Returns empty when both are absent,
     * consistent, or being changed by another process while they are read.
     *
     * @throws StoreException when a file exists but cannot be read
     */
    public static Optional<WalProblem> inspect(Path database) {
        Optional<byte[]> wal = read(walFile(database));
        Optional<WalProblem> problem = wal.flatMap(bytes -> walProblem(walFile(database), bytes));
        if (problem.isPresent()) {
            // A writer in another process may have restarted the WAL while it was read, so that the read
            // mixes two generations of frames. Report only what a second read confirms.
            Optional<byte[]> again = read(walFile(database));
            if (again.isEmpty() || !Arrays.equals(again.get(), wal.get())) {
                return Optional.empty();
            }
            return problem;
        }
        return read(shmFile(database)).flatMap(shm -> shmProblem(database, shm, wal.map(bytes -> bytes.length)));
    }

    /** Returns the problem of a WAL whose bytes are {@code wal}, read from {@code file}. */
    static Optional<WalProblem> walProblem(Path file, byte[] wal) {
        if (wal.length <= WAL_HEADER_BYTES) {
            // SQLite leaves an empty WAL after a truncating checkpoint and writes the header with the first frame.
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.wrap(wal).order(ByteOrder.BIG_ENDIAN);
        int magic = bytes.getInt(0);
        int pageSize = bytes.getInt(8);
        if ((magic & ~1) != WAL_MAGIC || !validPageSize(pageSize)) {
            return Optional.of(damaged(file, "its header is not a SQLite WAL header, so SQLite ignores all "
                    + wal.length + " bytes of it"));
        }
        boolean bigEndianChecksum = (magic & 1) == 1;
        int[] checksum = checksum(wal, 0, 24, new int[2], bigEndianChecksum);
        if (checksum[0] != bytes.getInt(24) || checksum[1] != bytes.getInt(28)) {
            return Optional.of(damaged(file, "its header fails its checksum, so SQLite ignores all " + wal.length
                    + " bytes of it"));
        }
        return new FrameScan(bytes, wal, pageSize, bigEndianChecksum).firstLostCommit()
                .map(lost -> damaged(file, "frame " + lost[0] + " fails its checksum, so SQLite stops reading there "
                        + "and drops the committed transaction in frame " + lost[1] + " after it"));
    }

    /** Returns the problem that the wal-index {@code shm} shows, given the length of the WAL if it exists. */
    static Optional<WalProblem> shmProblem(Path database, byte[] shm, Optional<Integer> walLength) {
        if (shm.length < BACKFILL_OFFSET + 4
                || !Arrays.equals(shm, 0, WAL_INDEX_HEADER_BYTES, shm, WAL_INDEX_HEADER_BYTES,
                        2 * WAL_INDEX_HEADER_BYTES)) {
            // The two copies differ while a writer updates them, and SQLite rebuilds an unreadable index from the WAL.
            return Optional.empty();
        }

        Optional<ByteBuffer> index = nativeOrder(shm);
        if (index.isEmpty() || index.get().get(12) == 0) {
            return Optional.empty();
        }

        int pageSize = pageSizeField(index.get().getShort(14));
        long maxFrame = Integer.toUnsignedLong(index.get().getInt(16));
        long backfilled = Integer.toUnsignedLong(index.get().getInt(BACKFILL_OFFSET));
        if (maxFrame <= backfilled || !validPageSize(pageSize)) {
            return Optional.empty();
        }

        long needed = WAL_HEADER_BYTES + maxFrame * (FRAME_HEADER_BYTES + pageSize);
        String frames = "frames " + (backfilled + 1) + " to " + maxFrame;
        if (walLength.isEmpty()) {
            return Optional.of(new WalProblem(shmFile(database) + " records committed " + frames + " that are not "
                    + "yet in " + database + ", but " + walFile(database) + " is missing, so the transactions in "
                    + "them are lost; restore the -wal file if you still have it before scms opens the database, "
                    + "or restore a backup", false));
        }
        if (walLength.get() < needed) {
            return Optional.of(new WalProblem(walFile(database) + " has " + walLength.get() + " bytes, but "
                    + shmFile(database) + " records committed " + frames + " that need " + needed + " bytes, so "
                    + "the WAL was truncated and recent transactions are lost; restore the -wal file if you "
                    + "still have it before scms opens the database, or restore a backup", false));
        }
        return Optional.empty();
    }

    /**
     * Adds the 32-bit words of {@code data[from, from + length)} to the running SQLite WAL checksum
     * {@code start} and returns the result. The words are big-endian when {@code bigEndian}.
     */
    static int[] checksum(byte[] data, int from, int length, int[] start, boolean bigEndian) {
        ByteBuffer words = ByteBuffer.wrap(data, from, length).order(bigEndian ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN);
        int s0 = start[0];
        int s1 = start[1];
        for (int i = from; i < from + length; i += 8) {
            s0 += words.getInt(i) + s1;
            s1 += words.getInt(i + 4) + s0;
        }
        return new int[] {s0, s1};
    }

    static boolean validPageSize(int pageSize) {
        return pageSize >= 512 && pageSize <= 65536 && Integer.bitCount(pageSize) == 1;
    }

    private static WalProblem damaged(Path file, String reason) {
        return new WalProblem("WAL " + file + " is damaged: " + reason, true);
    }

    /** Returns the wal-index in the byte order of the machine that wrote it, or empty when it is not one. */
    private static Optional<ByteBuffer> nativeOrder(byte[] shm) {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            ByteBuffer buffer = ByteBuffer.wrap(shm).order(order);
            if (buffer.getInt(0) == WAL_INDEX_VERSION) {
                return Optional.of(buffer);
            }
        }
        return Optional.empty();
    }

    /** Decodes the 16-bit page size field of the wal-index, which stores 65536 as 1. */
    private static int pageSizeField(short field) {
        int value = Short.toUnsignedInt(field);
        return (value & 0xfe00) | ((value & 0x0001) << 16);
    }

    private static Optional<byte[]> read(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("reading " + file + " failed: " + e.getMessage()
                    + "; check that it is a file this user can read", e);
        }
    }
}

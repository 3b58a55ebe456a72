package dev.scms.store.sqlite;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Walks the frames of a WAL whose header checked out, as SQLite's recovery does, and looks past
 * the point where recovery stops. Each frame carries the salts of the WAL header and a running
 * checksum over every frame before it, so recovery stops at the first frame that fails either
 * check. A later frame whose checksum matches when the running sum restarts from the stored sum
 * of its predecessor was written intact. When such a frame is a commit frame with the header's
 * salts, a committed transaction lies beyond the stop.
 */
final class FrameScan {

    private final ByteBuffer bytes;
    private final byte[] wal;
    private final int pageSize;
    private final boolean bigEndianChecksum;
    private final int salt1;
    private final int salt2;

    FrameScan(ByteBuffer bytes, byte[] wal, int pageSize, boolean bigEndianChecksum) {
        this.bytes = bytes;
        this.wal = wal;
        this.pageSize = pageSize;
        this.bigEndianChecksum = bigEndianChecksum;
        this.salt1 = bytes.getInt(16);
        this.salt2 = bytes.getInt(20);
    }

    /**
     * Returns the 1-based numbers of the frame where recovery stops and of the first intact commit
     * frame after it, or empty when no commit lies beyond the stop.
     */
    Optional<long[]> firstLostCommit() {
        int frameBytes = WalInspector.FRAME_HEADER_BYTES + pageSize;
        long frames = (wal.length - WalInspector.WAL_HEADER_BYTES) / frameBytes;
        int[] running = {bytes.getInt(24), bytes.getInt(28)};
        long stop = 0;
        for (long frame = 1; frame <= frames; frame++) {
            int offset = (int) (WalInspector.WAL_HEADER_BYTES + (frame - 1) * frameBytes);
            if (stop == 0 && !intact(offset, running)) {
                stop = frame;
            } else if (stop > 0 && isCommit(offset) && hasHeaderSalts(offset) && intact(offset, storedSum(offset
                    - frameBytes))) {
                return Optional.of(new long[] {stop, frame});
            }
            if (stop == 0) {
                running = storedSum(offset);
            }
        }
        return Optional.empty();
    }

    /** Returns whether the frame at {@code offset} has the header's salts and the checksum that follows {@code start}. */
    private boolean intact(int offset, int[] start) {
        if (!hasHeaderSalts(offset)) {
            return false;
        }
        int[] sum = WalInspector.checksum(wal, offset, 8, start, bigEndianChecksum);
        sum = WalInspector.checksum(wal, offset + WalInspector.FRAME_HEADER_BYTES, pageSize, sum, bigEndianChecksum);
        int[] stored = storedSum(offset);
        return sum[0] == stored[0] && sum[1] == stored[1];
    }

    private boolean hasHeaderSalts(int offset) {
        return bytes.getInt(offset + 8) == salt1 && bytes.getInt(offset + 12) == salt2;
    }

    /** Returns whether the frame is a commit frame, which stores the database size in pages; others store 0. */
    private boolean isCommit(int offset) {
        return bytes.getInt(offset + 4) != 0;
    }

    private int[] storedSum(int offset) {
        return new int[] {bytes.getInt(offset + 16), bytes.getInt(offset + 20)};
    }
}

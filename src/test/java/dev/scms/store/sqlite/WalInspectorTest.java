package dev.scms.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.store.sqlite.WalInspector.WalProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damages copies of a real WAL byte by byte. The WAL comes from SQLite itself: a connection with
 * automatic checkpoints off commits one table and five rows, and its three files are copied while
 * it is still open, as a crash would leave them.
 */
class WalInspectorTest {

    private static final int PAGE_SIZE = 4096;
    private static final int FRAME_BYTES = WalInspector.FRAME_HEADER_BYTES + PAGE_SIZE;
    /** Frames of the WAL: two for CREATE TABLE (commit in frame 2), then one commit frame per row. */
    private static final int FRAMES = 7;

    @TempDir
    Path folder;

    private Path database;

    @BeforeEach
    void copyLiveDatabase() throws Exception {
        Path source = folder.resolve("source.db");
        database = folder.resolve("copy.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + source);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA page_size = " + PAGE_SIZE);
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("PRAGMA wal_autocheckpoint = 0");
            statement.execute("CREATE TABLE notes (body BLOB)");
            for (int i = 0; i < 5; i++) {
                statement.execute("INSERT INTO notes VALUES (randomblob(100))");
            }
            Files.copy(source, database);
            Files.copy(WalInspector.walFile(source), WalInspector.walFile(database));
            Files.copy(WalInspector.shmFile(source), WalInspector.shmFile(database));
        }
        assertThat(Files.size(WalInspector.walFile(database))).isEqualTo(WalInspector.WAL_HEADER_BYTES
                + (long) FRAMES * FRAME_BYTES);
    }

    @Test
    void intactWalHasNoProblem() {
        assertThat(WalInspector.inspect(database)).isEmpty();
    }

    @Test
    void intactWalKeepsEveryRow() throws SQLException {
        assertThat(rows()).isEqualTo(5);
    }

    @Test
    void flippedPageByteInMiddleIsDamage() throws Exception {
        flip(frameOffset(3) + WalInspector.FRAME_HEADER_BYTES + 100);

        Optional<WalProblem> problem = WalInspector.inspect(database);

        assertThat(problem).isPresent();
        assertThat(problem.get().walDamaged()).isTrue();
        assertThat(problem.get().description()).contains(WalInspector.walFile(database).toString())
                .contains("frame 3 fails its checksum").contains("committed transaction in frame 4");
        assertThat(rows()).as("SQLite drops the damaged row and the four after it without an error").isZero();
    }

    @Test
    void flippedSaltInMiddleIsDamage() throws Exception {
        flip(frameOffset(5) + 9);

        Optional<WalProblem> problem = WalInspector.inspect(database);

        assertThat(problem.map(WalProblem::description)).hasValueSatisfying(text -> assertThat(text)
                .contains("frame 5 fails").contains("frame 6"));
    }

    @Test
    void garbageHeaderIsDamage() throws Exception {
        byte[] wal = Files.readAllBytes(WalInspector.walFile(database));
        Arrays.fill(wal, 0, WalInspector.WAL_HEADER_BYTES, (byte) 0xab);
        Files.write(WalInspector.walFile(database), wal);

        Optional<WalProblem> problem = WalInspector.inspect(database);

        assertThat(problem.map(WalProblem::walDamaged)).contains(true);
        assertThat(problem.get().description()).contains("is not a SQLite WAL header");
    }

    @Test
    void headerChecksumMismatchIsDamage() throws Exception {
        flip(12);

        assertThat(WalInspector.inspect(database).map(WalProblem::description))
                .hasValueSatisfying(text -> assertThat(text).contains("header fails its checksum"));
    }

    @Test
    void tornLastFrameIsNormal() throws Exception {
        truncateWal(WalInspector.WAL_HEADER_BYTES + (FRAMES - 1) * FRAME_BYTES + 1000);
        Files.delete(WalInspector.shmFile(database));

        assertThat(WalInspector.inspect(database)).isEmpty();
    }

    @Test
    void missingWalWithPendingFramesIsLoss() throws Exception {
        Files.delete(WalInspector.walFile(database));

        Optional<WalProblem> problem = WalInspector.inspect(database);

        assertThat(problem.map(WalProblem::walDamaged)).contains(false);
        assertThat(problem.get().description()).contains("frames 1 to " + FRAMES).contains("is missing")
                .contains(WalInspector.shmFile(database).toString());
    }

    @Test
    void truncatedWalWithPendingFramesIsLoss() throws Exception {
        truncateWal(WalInspector.WAL_HEADER_BYTES + 3 * FRAME_BYTES);

        Optional<WalProblem> problem = WalInspector.inspect(database);

        assertThat(problem.map(WalProblem::walDamaged)).contains(false);
        assertThat(problem.get().description()).contains("was truncated").contains("frames 1 to " + FRAMES);
    }

    @Test
    void missingWalAfterCheckpointIsNormal() throws Exception {
        Path source = folder.resolve("checkpointed.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + source);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("CREATE TABLE notes (body BLOB)");
            statement.execute("PRAGMA wal_checkpoint(FULL)");
            Files.copy(source, database, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(WalInspector.shmFile(source), WalInspector.shmFile(database),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.delete(WalInspector.walFile(database));

        assertThat(WalInspector.inspect(database)).isEmpty();
    }

    @Test
    void garbageShmIsIgnored() throws Exception {
        Files.write(WalInspector.shmFile(database), new byte[32768]);

        assertThat(WalInspector.inspect(database)).isEmpty();
    }

    @Test
    void noWalFilesIsNormal() throws Exception {
        Files.delete(WalInspector.walFile(database));
        Files.delete(WalInspector.shmFile(database));

        assertThat(WalInspector.inspect(database)).isEmpty();
    }

    private static int frameOffset(int frame) {
        return WalInspector.WAL_HEADER_BYTES + (frame - 1) * FRAME_BYTES;
    }

    private void flip(int offset) throws IOException {
        byte[] wal = Files.readAllBytes(WalInspector.walFile(database));
        wal[offset] ^= (byte) 0x5a;
        Files.write(WalInspector.walFile(database), wal);
    }

    private void truncateWal(int length) throws IOException {
        byte[] wal = Files.readAllBytes(WalInspector.walFile(database));
        Files.write(WalInspector.walFile(database), Arrays.copyOf(wal, length));
    }

    /** Returns the rows SQLite reads from the copy, which also runs its WAL recovery on the copy. */
    private long rows() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement();
                var result = statement.executeQuery("SELECT COUNT(*) FROM notes")) {
            result.next();
            return result.getLong(1);
        }
    }
}

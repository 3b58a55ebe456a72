package dev.scms.it;

import static dev.scms.it.CliRun.siblings;
import static dev.scms.it.SharedDatabase.PROTOCOL_VERSION;
import static dev.scms.it.ToolCalls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gives the real server and CLI database files that a crash, a failed copy or a user left in a
 * bad state, and checks that each is reported in plain words and that no file is replaced,
 * recreated or renamed. The WAL cases start from the three files of a live server, copied before
 * it checkpointed, as a crash leaves them.
 */
@Tag("slow")
class DamagedFilesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MEMORIES = 6;
    /** SQLite's default page size, which the store keeps. */
    private static final int FRAME_BYTES = 24 + 4096;

    @TempDir
    Path temp;

    @Test
    void damagedWalIsReportedAndKept() throws Exception {
        Path database = crashedCopy();
        Path wal = wal(database);
        byte[] damaged = Files.readAllBytes(wal);
        damaged[32 + 24 + 200] ^= 0x5a;
        Files.write(wal, damaged);

        CliRun doctor = cli(database, "doctor");
        assertThat(doctor.exitCode()).isEqualTo(1);
        assertThat(doctor.stdout()).contains("WAL " + wal + " is damaged").contains("frame 1 fails its checksum");

        CliRun list = cli(database, "list", "--json");
        assertThat(list.exitCode()).as(list.stderr()).isZero();
        Path copy = wal.resolveSibling(wal.getFileName() + ".damaged.bak");
        assertThat(list.stderr()).contains("WAL " + wal + " is damaged").contains("Kept a copy at " + copy);
        assertThat(Files.readAllBytes(copy)).isEqualTo(damaged);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        assertThat(database).exists();
    }

    @Test
    void missingWalIsReported() throws Exception {
        Path database = crashedCopy();
        Files.delete(wal(database));
        // Any SQLite connection, even doctor's read-only one, rebuilds the -shm file that shows the loss,
        // so doctor and list each get a copy of their own.
        Path second = Files.createDirectories(temp.resolve("second")).resolve("scms.db");
        Files.copy(database, second);
        Files.copy(shm(database), shm(second));

        CliRun doctor = cli(database, "doctor");
        assertThat(doctor.exitCode()).isEqualTo(1);
        assertThat(doctor.stdout()).contains(wal(database) + " is missing").contains("transactions in them are lost");

        CliRun list = cli(second, "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.stderr()).contains(wal(second) + " is missing").contains("frames 1 to ");
    }

    @Test
    void intactCrashedCopyKeepsEveryMemory() throws Exception {
        Path database = crashedCopy();

        CliRun list = cli(database, "list", "--json");

        assertThat(list.stderr()).doesNotContain("WAL");
        assertThat(JSON.readTree(list.stdout())).hasSize(MEMORIES);
        assertThat(Files.exists(wal(database).resolveSibling(wal(database).getFileName() + ".damaged.bak")))
                .isFalse();
    }

    @Test
    void garbageFileIsRejectedUnchanged() throws Exception {
        Path database = temp.resolve("data").resolve("scms.db");
        Files.createDirectories(database.getParent());
        byte[] garbage = new byte[8192];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(database, garbage);

        assertRejectedUnchanged(database, "is not a SQLite database");
        assertThat(Files.readAllBytes(database)).isEqualTo(garbage);
    }

    @Test
    void oldEmptyFileIsRejectedUnchanged() throws Exception {
        Path database = temp.resolve("data").resolve("scms.db");
        Files.createDirectories(database.getParent());
        Files.createFile(database);
        Files.setLastModifiedTime(database, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));

        assertRejectedUnchanged(database, "is empty (0 bytes)");
        assertThat(Files.size(database)).isZero();
    }

    @Test
    void folderIsRejectedUnchanged() throws Exception {
        Path database = Files.createDirectories(temp.resolve("data").resolve("scms.db"));

        assertRejectedUnchanged(database, "is not a regular file: it is a folder");
        assertThat(database).isEmptyDirectory();
    }

    @Test
    void fifoIsRejectedUnchanged() throws Exception {
        Path database = temp.resolve("data").resolve("scms.db");
        Files.createDirectories(database.getParent());
        Process mkfifo = new ProcessBuilder("mkfifo", database.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();

        assertRejectedUnchanged(database, "is not a regular file: it is a device, FIFO or socket");
        assertThat(Files.isRegularFile(database)).isFalse();
    }

    @Test
    void deviceIsRejectedWithoutAdviceToDelete() throws Exception {
        Path device = Path.of("/dev/null");
        assumeTrue(Files.exists(device));

        CliRun list = cli(device, "list");
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.stderr()).contains("database /dev/null is not a regular file").doesNotContain("delete");

        CliRun doctor = cli(device, "doctor");
        assertThat(doctor.exitCode()).isEqualTo(1);
        assertThat(doctor.stdout()).contains("is not a regular file").doesNotContain("delete");

        Path home = temp.resolve("server");
        try (RawSession server = RawSession.start(home, project(), Map.of("SCMS_DB", device.toString()))) {
            assertThat(server.awaitExit()).isEqualTo(1);
        }
        assertThat(Files.readString(home.resolve("stderr.log"))).contains("is not a regular file")
                .doesNotContain("delete");
    }

    /** Checks that the server, the CLI and doctor reject {@code database} and that no file appeared next to it. */
    private void assertRejectedUnchanged(Path database, String reason) throws Exception {
        List<String> before = siblings(database);

        CliRun list = cli(database, "list");
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.stderr()).contains("database " + database + " " + reason).doesNotContain("Exception");

        CliRun add = cli(database, "add", "Keep a backup of the store before copying it.");
        assertThat(add.exitCode()).isEqualTo(1);
        assertThat(add.stderr()).contains(reason);

        CliRun doctor = cli(database, "doctor");
        assertThat(doctor.exitCode()).isEqualTo(1);
        assertThat(doctor.stdout()).contains(reason);

        Path home = temp.resolve("server");
        try (RawSession server = RawSession.start(home, project(), Map.of("SCMS_DB", database.toString()))) {
            assertThat(server.awaitExit()).isEqualTo(1);
        }
        assertThat(Files.readString(home.resolve("stderr.log"))).contains(reason);
        assertThat(siblings(database)).isEqualTo(before);
    }

    /**
     * Stores memories through a live server on a new database and copies its files while the
     * server still runs, so the copy has committed frames in its WAL that are not yet checkpointed.
     */
    private Path crashedCopy() throws Exception {
        Path live = temp.resolve("live").resolve("scms.db");
        Path copy = Files.createDirectories(temp.resolve("copy")).resolve("scms.db");
        try (RawSession server = RawSession.start(temp.resolve("writer"), project(), Map.of("SCMS_DB",
                live.toString()))) {
            server.handshake(PROTOCOL_VERSION);
            for (int i = 1; i <= MEMORIES; i++) {
                JsonNode reply = server.requestLine(i, call(i, "remember", Map.of("text",
                        "Crash copy lesson " + i + ": copy the -wal and -shm files together with the database.")));
                assertThat(reply.at("/result/isError").asBoolean(false)).as("reply %s", reply).isFalse();
            }
            Files.copy(live, copy);
            Files.copy(wal(live), wal(copy));
            Files.copy(shm(live), shm(copy));
            server.kill();
        }
        assertThat(Files.size(wal(copy))).as("frames in the copied WAL").isGreaterThan(32L + 2 * FRAME_BYTES);
        return copy;
    }

    private static Path wal(Path database) {
        return database.resolveSibling(database.getFileName() + "-wal");
    }

    private static Path shm(Path database) {
        return database.resolveSibling(database.getFileName() + "-shm");
    }

    private CliRun cli(Path database, String... args) throws Exception {
        return CliRun.run(temp, project(), database, args);
    }

    /** Returns the working folder of the server and the CLI, created if missing. */
    private Path project() throws IOException {
        return Files.createDirectories(temp.resolve("project"));
    }
}

package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real server and times how long it takes to exit after its client goes away. The
 * cases are stdin closing right after initialize, while the model usually still loads, stdin
 * closing after a retrieval, and the parent process killed while stdin stays open. Every exit
 * must take under two seconds, return code 0 where the test can see it, and leave no JVM crash
 * report (hs_err_pid*.log). Each test prints its timings and their median.
 */
@Tag("slow")
class ProcessLifeIT {

    private static final String PROTOCOL_VERSION = "2025-06-18";
    private static final long MAX_EXIT_MILLIS = 2_000;
    private static final String RETRIEVE = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"retrieve_memories\",\"arguments\":{\"query\":\"flaky test after a JDK upgrade\"}}}";

    @TempDir
    Path temp;

    @Test
    void stdinCloseWhileModelLoadsExitsQuickly() throws Exception {
        List<Long> exits = new ArrayList<>();
        int closedWhileLoading = 0;
        for (int round = 0; round < 5; round++) {
            Path home = temp.resolve("loading-" + round);
            RawSession server = RawSession.start(home, project(round));
            initialize(server);

            exits.add(closeAndTimeExit(server));

            assertThat(server.process().exitValue()).as("exit code, round %d", round).isZero();
            String log = Files.readString(home.resolve("stderr.log"));
            if (log.indexOf("stdin closed; stopping") < log.indexOf(" loaded in ")) {
                closedWhileLoading++;
            }
        }
        System.out.println("ProcessLifeIT stdin closed before the model finished loading in " + closedWhileLoading
                + " of " + exits.size() + " rounds");
        report("stdin closed right after initialize", exits);
        assertThat(exits).allMatch(millis -> millis < MAX_EXIT_MILLIS, "under " + MAX_EXIT_MILLIS + " ms");
        assertNoCrashReport();
    }

    @Test
    void stdinCloseAfterRetrievalExitsQuickly() throws Exception {
        List<Long> exits = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            Path home = temp.resolve("retrieved-" + round);
            RawSession server = RawSession.start(home, project(round));
            initialize(server);
            JsonNode retrieved = server.requestLine(2, RETRIEVE);
            assertThat(retrieved.at("/result/isError").asBoolean()).as("reply %s", retrieved).isFalse();

            exits.add(closeAndTimeExit(server));

            assertThat(server.process().exitValue()).as("exit code, round %d", round).isZero();
            assertThat(endedSessions(home)).as("session rows, round %d", round).isEqualTo(1);
        }
        report("stdin closed after a retrieval", exits);
        assertThat(exits).allMatch(millis -> millis < MAX_EXIT_MILLIS, "under " + MAX_EXIT_MILLIS + " ms");
        assertNoCrashReport();
    }

    /**
     * Kills the shell that started the server while the server's stdin, a named pipe, stays open
     * for writing in this test and in a holder process, as a grandchild of a crashed client would
     * keep it. Stdin comes from a named pipe because the JDK closes its pipe to a child's stdin
     * as soon as that child exits.
     */
    @Test
    void parentKillWithStdinOpenExitsQuickly() throws Exception {
        List<Long> exits = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            Path home = Files.createDirectories(temp.resolve("orphan-" + round));
            Path fifo = home.resolve("stdin.fifo");
            assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
            Process holder = new ProcessBuilder("bash", "-c", "exec sleep 600 > '" + fifo + "'").start();
            Process shell = startUnderShell(home, project(round), fifo);
            try (OutputStream stdin = Files.newOutputStream(fifo)) {
                RawSession server = RawSession.of(shell, stdin);
                initialize(server);
                JsonNode retrieved = server.requestLine(2, RETRIEVE);
                assertThat(retrieved.at("/result/isError").asBoolean()).as("reply %s", retrieved).isFalse();
                long javaPid = Long.parseLong(Files.readString(home.resolve("server.pid")).trim());

                long killed = System.nanoTime();
                shell.destroyForcibly().waitFor();
                exits.add(awaitExit(javaPid, killed));
            } finally {
                holder.destroyForcibly().waitFor();
            }
            assertThat(endedSessions(home)).as("session rows, round %d", round).isEqualTo(1);
            assertThat(Files.readString(home.resolve("stderr.log"))).contains("parent process exited; stopping");
        }
        report("parent killed, stdin still open", exits);
        assertThat(exits).allMatch(millis -> millis < MAX_EXIT_MILLIS, "under " + MAX_EXIT_MILLIS + " ms");
        assertNoCrashReport();
    }

    /**
     * Closes stdin as soon as initialize is sent, before the JVM has read it, many times. Exiting
     * while ONNX Runtime was still creating its session used to crash the JVM with SIGSEGV.
     */
    @Test
    void closeAtStartLeavesNoCrash() throws Exception {
        for (int round = 0; round < 10; round++) {
            Path home = temp.resolve("at-once-" + round);
            RawSession server = RawSession.start(home, project(round));
            server.send(RawSession.initialize(1, PROTOCOL_VERSION));
            server.closeStdin();

            assertThat(server.process().waitFor(60, TimeUnit.SECONDS)).as("exited, round %d", round).isTrue();
            assertThat(server.process().exitValue()).as("exit code, round %d", round).isZero();
        }
        assertNoCrashReport();
    }

    private Path project(int round) throws IOException {
        return Files.createDirectories(temp.resolve("project-" + round));
    }

    private static void initialize(RawSession server) throws Exception {
        JsonNode reply = server.requestLine(1, RawSession.initialize(1, PROTOCOL_VERSION));
        assertThat(reply.has("result")).as("initialize reply %s", reply).isTrue();
        server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    private static long closeAndTimeExit(RawSession server) throws Exception {
        long closed = System.nanoTime();
        server.closeStdin();
        assertThat(server.process().waitFor(60, TimeUnit.SECONDS)).as("server exited").isTrue();
        return (System.nanoTime() - closed) / 1_000_000;
    }

    /**
     * Polls a process that is not a child of this JVM, so its exit code cannot be read. An orphan
     * that exited stays a zombie until its new parent reaps it, so state Z in /proc counts as exited.
     */
    private static long awaitExit(long pid, long since) throws IOException, InterruptedException {
        long deadline = since + TimeUnit.SECONDS.toNanos(60);
        while (running(pid) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(running(pid)).as("server %d exited", pid).isFalse();
        return (System.nanoTime() - since) / 1_000_000;
    }

    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        try {
            String text = Files.readString(stat);
            return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Starts the server as the background job of a shell that writes the server's process id to
     * server.pid in {@code home} and waits, so that killing the shell orphans the server.
     */
    private static Process startUnderShell(Path home, Path workingFolder, Path stdin) throws IOException {
        String java = "java -Xlog:disable -Xlog:all=warning:stderr -XX:+UseSerialGC -jar '" + ServerProcess.jar()
                + "' serve <'" + stdin + "' 2>'" + home.resolve("stderr.log") + "' & echo $! > '"
                + home.resolve("server.pid") + "'; wait";
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", java).directory(workingFolder.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("SCMS_HOME", home.toString());
        return builder.start();
    }

    private static long endedSessions(Path home) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("scms.db"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM sessions")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void assertNoCrashReport() throws IOException {
        try (Stream<Path> files = Files.walk(temp)) {
            assertThat(files.map(Path::getFileName).map(Path::toString))
                    .noneMatch(name -> name.startsWith("hs_err_pid"));
        }
    }

    private static void report(String label, List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.println("ProcessLifeIT " + label + ": exit after " + millis + " ms, median "
                + sorted.get(sorted.size() / 2) + " ms");
    }
}

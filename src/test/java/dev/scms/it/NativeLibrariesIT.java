package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks where the real server puts the native libraries of SQLite, ONNX Runtime and the
 * tokenizer: once into native_dir, reused by later starts, and nothing into java.io.tmpdir or the
 * user's home, also when the process is killed. A folder that cannot hold or run them stops the
 * server with one line naming the folder and the setting, and a failure of the model's libraries
 * alone leaves retrieval lexical.
 */
@Tag("slow")
class NativeLibrariesIT {

    private static final String PROTOCOL_VERSION = "2025-06-18";
    private static final String RETRIEVE = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"retrieve_memories\",\"arguments\":{\"query\":\"database migration failed on startup\"}}}";

    @TempDir
    Path temp;

    private Path tmpdir;
    private Path userHome;
    private Path project;
    private Path mounted;

    @BeforeEach
    void createFolders() throws IOException {
        tmpdir = Files.createDirectories(temp.resolve("java-tmp"));
        userHome = Files.createDirectories(temp.resolve("user-home"));
        project = Files.createDirectories(temp.resolve("project"));
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            new ProcessBuilder("umount", mounted.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void restartsAndKillsLeaveNoFilesBehind() throws Exception {
        Path home = temp.resolve("home");
        Path nativeDir = home.resolve("native");
        Map<String, Long> afterFirstStart = null;
        for (int round = 0; round < 10; round++) {
            RawSession server = start(home, Map.of());
            JsonNode retrieved = server.requestLine(2, RETRIEVE);
            assertThat(retrieved.at("/result/isError").asBoolean()).as("reply %s", retrieved).isFalse();
            if (round % 2 == 0) {
                server.close();
                assertThat(server.process().exitValue()).as("exit code, round %d", round).isZero();
            } else {
                server.process().destroyForcibly().waitFor(60, TimeUnit.SECONDS);
            }
            if (afterFirstStart == null) {
                afterFirstStart = files(nativeDir);
            }
        }

        System.out.println("NativeLibrariesIT native_dir after the first start: " + afterFirstStart);
        System.out.println("NativeLibrariesIT java.io.tmpdir after 5 exits and 5 kills: " + entries(tmpdir));
        assertThat(afterFirstStart.keySet()).anyMatch(name -> name.endsWith("libsqlitejdbc.so"))
                .anyMatch(name -> name.endsWith("libonnxruntime.so"))
                .anyMatch(name -> name.endsWith("libtokenizers.so"));
        assertThat(files(nativeDir)).as("native_dir after 10 starts").isEqualTo(afterFirstStart);
        assertThat(files(tmpdir)).as("regular files in java.io.tmpdir").isEmpty();
        assertThat(entries(tmpdir)).as("ONNX Runtime's empty folders are all that a kill leaves")
                .allMatch(name -> name.startsWith("onnxruntime-java"));
        assertThat(entries(tmpdir).size()).isLessThanOrEqualTo(5);
        assertThat(entries(userHome)).as("files in the user's home").isEmpty();
    }

    @Test
    void nativeDirUnderFileStopsServer() throws Exception {
        Path home = temp.resolve("home");
        Path file = Files.createDirectories(home).resolve("not-a-folder");
        Files.writeString(file, "x");
        Path nativeDir = file.resolve("native");

        String line = failedStart(home, nativeDir);

        assertThat(line).startsWith("scms: SQLite native library cannot be used from " + nativeDir)
                .contains("Not a directory").contains("set native_dir or SCMS_NATIVE_DIR");
        assertThat(doctor(home, nativeDir)).contains("FAIL  native    SQLite native library cannot be used from "
                + nativeDir);
    }

    /** Runs scms doctor with {@code nativeDir}, expects exit code 1 and returns its report. */
    private String doctor(Path home, Path nativeDir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("java", "-Djava.io.tmpdir=" + tmpdir, "-Duser.home=" + userHome,
                "-jar", ServerProcess.jar().toString(), "doctor").directory(project.toFile())
                .redirectErrorStream(true);
        builder.environment().put("SCMS_HOME", home.toString());
        builder.environment().put("SCMS_NATIVE_DIR", nativeDir.toString());
        Process process = builder.start();
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("doctor finished").isTrue();
        assertThat(process.exitValue()).as("doctor exit code, report %s", report).isEqualTo(1);
        return report;
    }

    @Test
    void readOnlyNativeDirStopsServer() throws Exception {
        assumeTrue(!System.getProperty("user.name").equals("root"), "root writes to a folder of mode 0500");
        Path home = temp.resolve("home");
        Path nativeDir = Files.createDirectories(home.resolve("locked"));
        Files.setPosixFilePermissions(nativeDir, java.nio.file.attribute.PosixFilePermissions.fromString("r-x------"));

        String line = failedStart(home, nativeDir);

        assertThat(line).startsWith("scms: SQLite native library cannot be used from " + nativeDir)
                .contains("permission denied").contains("set native_dir or SCMS_NATIVE_DIR");
    }

    @Test
    void noexecNativeDirStopsServer() throws Exception {
        mounted = Files.createDirectories(temp.resolve("noexec"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "noexec,size=64m", "tmpfs",
                mounted.toString()).redirectErrorStream(true).start();
        boolean mountedNow = mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0;
        if (!mountedNow) {
            mounted = null;
        }
        assumeTrue(mountedNow, "mounting a noexec tmpfs needs root");
        Path home = temp.resolve("home");
        Path nativeDir = mounted.resolve("native");

        String line = failedStart(home, nativeDir);

        assertThat(line).startsWith("scms: SQLite native library cannot be used from " + nativeDir)
                .contains("failed to map segment").contains("set native_dir or SCMS_NATIVE_DIR");
    }

    /**
     * Simulates a failure of ONNX Runtime's library alone: a folder takes the path the library is
     * copied to, so the copy fails while SQLite loads. The server keeps serving lexically.
     */
    @Test
    void modelLibraryFailureAnswersLexically() throws Exception {
        Path home = temp.resolve("home");
        start(home, Map.of()).close();
        Path library;
        try (Stream<Path> files = Files.walk(home.resolve("native"))) {
            library = files.filter(path -> path.getFileName().toString().equals("libonnxruntime.so")).findFirst()
                    .orElseThrow();
        }
        Files.delete(library);
        Files.createDirectories(library.resolve("blocker"));

        RawSession server = start(home, Map.of());
        JsonNode retrieved = server.requestLine(2, RETRIEVE);
        server.close();

        assertThat(retrieved.at("/result/isError").asBoolean()).as("reply %s", retrieved).isFalse();
        String text = retrieved.toString();
        assertThat(text).contains("full-text search only")
                .contains("ONNX Runtime native library cannot be used from " + home.resolve("native"))
                .contains("set native_dir or SCMS_NATIVE_DIR");
    }

    private RawSession start(Path home, Map<String, String> environment) throws Exception {
        Map<String, String> withHome = new java.util.HashMap<>(environment);
        withHome.put("HOME", userHome.toString());
        RawSession server = RawSession.start(home, project, List.of("-Djava.io.tmpdir=" + tmpdir,
                "-Duser.home=" + userHome), withHome);
        JsonNode reply = server.requestLine(1, RawSession.initialize(1, PROTOCOL_VERSION));
        assertThat(reply.has("result")).as("initialize reply %s", reply).isTrue();
        server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return server;
    }

    /** Starts the server with {@code nativeDir}, expects exit code 1 and returns the last line of stderr. */
    private String failedStart(Path home, Path nativeDir) throws Exception {
        RawSession server = RawSession.start(home, project, List.of("-Djava.io.tmpdir=" + tmpdir,
                "-Duser.home=" + userHome), Map.of("SCMS_NATIVE_DIR", nativeDir.toString()));
        assertThat(server.process().waitFor(60, TimeUnit.SECONDS)).as("server exited").isTrue();
        assertThat(server.process().exitValue()).as("exit code").isEqualTo(1);
        List<String> lines = Files.readAllLines(home.resolve("stderr.log"), StandardCharsets.UTF_8);
        return lines.get(lines.size() - 1);
    }

    /** Returns the regular files under {@code folder} with their sizes, by relative path. */
    private static Map<String, Long> files(Path folder) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                sizes.put(folder.relativize(path).toString(), Files.size(path));
            }
        }
        return sizes;
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> paths = Files.list(folder)) {
            return new ArrayList<>(paths.map(path -> path.getFileName().toString()).sorted().toList());
        }
    }
}

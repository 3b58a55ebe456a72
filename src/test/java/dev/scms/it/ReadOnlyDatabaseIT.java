package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the real server as the user {@code nobody} on a database that this user cannot write. A
 * test that runs as root cannot see a read-only file, because root may write any file, so these
 * tests need root and {@code runuser}, and are skipped otherwise.
 */
class ReadOnlyDatabaseIT {

    private static final String PROTOCOL_VERSION = "2025-06-18";
    private static final String USER = "nobody";

    private Path base;

    @BeforeEach
    void createBase() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run a child as " + USER);
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")),
                "needs runuser");
        base = Files.createTempDirectory(Path.of("/tmp"), "scms-readonly-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void deleteBase() throws IOException {
        if (base == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void readOnlyFileServesReadsAndRejectsWrites() throws Exception {
        Path home = ownedFolder("home");
        try (RawSession server = serve(home, Map.of())) {
            initialize(server);
            assertThat(call(server, 2, "remember", "{\"text\":\"Rotate the signing key every quarter.\"}")
                    .at("/result/isError").asBoolean(false)).isFalse();
        }
        Path database = home.resolve("scms.db");
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("r--------"));

        try (RawSession server = serve(home, Map.of())) {
            initialize(server);
            JsonNode retrieved = call(server, 2, "retrieve_memories", "{\"query\":\"signing key\"}");
            JsonNode remembered = call(server, 3, "remember", "{\"text\":\"Pin the base image by digest.\"}");

            assertThat(retrieved.at("/result/isError").asBoolean(false)).as("reply %s", retrieved).isFalse();
            assertThat(retrieved.toString()).contains("Rotate the signing key");
            assertThat(remembered.at("/result/isError").asBoolean(false)).as("reply %s", remembered).isTrue();
            assertThat(remembered.at("/result/content/0/text").asText()).contains(database + " is read-only")
                    .contains("chmod u+w");
        }
        assertThat(Files.readString(stderrLog(home))).contains("serves reads only")
                .doesNotContain("SQLITE_READONLY");

        Result doctor = cli(home, "doctor");
        assertThat(doctor.stdout()).contains(database + " is read-only for this user").contains("chmod u+w");
    }

    @Test
    void readOnlyFolderRejectsNewDatabase() throws Exception {
        Path home = ownedFolder("home");
        Path folder = ownedFolder("readonly");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-x------"));

        try (RawSession server = serve(home, Map.of("SCMS_DB", folder.resolve("scms.db").toString()))) {
            assertThat(server.awaitExit()).isEqualTo(1);
        }

        String stderr = Files.readString(stderrLog(home));
        assertThat(stderr).contains("the folder " + folder + " of database").contains("chmod u+w '" + folder + "'")
                .doesNotContain("SQLITE_");
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Path ownedFolder(String name) throws IOException {
        Path folder = Files.createDirectory(base.resolve(name));
        UserPrincipal user = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
        Files.setOwner(folder, user);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        return folder;
    }

    private List<String> asNobody(String... args) {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", USER, "--", "java", "-Xlog:disable",
                "-Xlog:all=warning:stderr", "-XX:+UseSerialGC", "-jar", ServerProcess.jar().toString()));
        command.addAll(List.of(args));
        return command;
    }

    private RawSession serve(Path home, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(asNobody("serve")).directory(base.toFile())
                .redirectError(stderrLog(home).toFile());
        builder.environment().put("SCMS_HOME", home.toString());
        builder.environment().put("HOME", home.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        return RawSession.of(process, process.getOutputStream());
    }

    /** Returns the file that takes the server's stderr, outside {@code home}, which belongs to another user. */
    private Path stderrLog(Path home) {
        return base.resolve(home.getFileName() + "-stderr.log");
    }

    private Result cli(Path home, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(asNobody(args)).directory(base.toFile());
        builder.environment().put("SCMS_HOME", home.toString());
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), stdout, stderr);
    }

    private static void initialize(RawSession server) throws Exception {
        server.requestLine(1, RawSession.initialize(1, PROTOCOL_VERSION));
        server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    private static JsonNode call(RawSession server, int id, String tool, String arguments) throws Exception {
        return server.request(id, "tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}");
    }
}

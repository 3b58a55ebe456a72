package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code scms doctor} and {@code scms serve} from the built jar with settings files in a temporary home. */
class DoctorIT {

    @TempDir
    Path temp;

    private Path home;
    private Path userFile;
    private Path project;

    @BeforeEach
    void createFolders() throws Exception {
        home = temp.resolve("home");
        userFile = Files.createDirectories(temp.resolve("config/scms")).resolve("config.toml");
        project = Files.createDirectories(temp.resolve("project"));
    }

    @Test
    void doctorReportsFilesDatabaseAndModel() throws Exception {
        Files.writeString(userFile, "k = 7\n");
        Files.writeString(project.resolve(".scms.toml"), "preset = \"semantic\"\n");
        Path lessons = Files.writeString(temp.resolve("lessons.jsonl"), "{\"kind\":\"pattern\",\"text\":\"Open "
                + "SQLite in WAL mode with a busy timeout.\"}\n");
        assertThat(run("import", lessons.toString()).exitCode()).isZero();
        String before = digest(home.resolve("scms.db"));

        Result text = run("doctor");
        Result json = run("doctor", "--json");

        assertThat(text.exitCode()).as(text.stdout() + text.stderr()).isZero();
        assertThat(text.stdout()).contains("ok    settings  user settings file " + userFile)
                .contains("ok    settings  project settings file " + project.resolve(".scms.toml"))
                .contains("ok    database  1 memories: 1 L0 active")
                .contains("ok    database  journal mode wal")
                .containsPattern("ok    model     all-minilm-l6-v2-q loaded in \\d+ ms")
                .contains("claude mcp add --scope user -e SCMS_HOME=" + home + " scms -- ");
        assertThat(json.exitCode()).isZero();
        JsonNode report = new ObjectMapper().readTree(json.stdout());
        assertThat(report.get("status").asText()).isIn("ok", "warn");
        assertThat(setting(report, "k").get("source").asText()).isEqualTo("settings file " + userFile);
        assertThat(setting(report, "preset").get("source").asText()).isEqualTo("project settings file "
                + project.resolve(".scms.toml"));
        assertThat(report.at("/client/mcpServers/scms/args").toString()).contains("serve");
        assertThat(digest(home.resolve("scms.db"))).isEqualTo(before);
    }

    @Test
    void dataFilesAreReadableByOwnerOnly() throws Exception {
        assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX file system");
        Path lessons = Files.writeString(temp.resolve("lessons.jsonl"), "{\"kind\":\"pattern\",\"text\":\"Keep "
                + "the database private.\"}\n");

        assertThat(run("import", lessons.toString()).exitCode()).isZero();

        assertThat(mode(home)).isEqualTo("rwx------");
        assertThat(mode(home.resolve("scms.db"))).isEqualTo("rw-------");
        assertThat(mode(home.resolve("logs"))).isEqualTo("rwx------");
        try (var logs = Files.list(home.resolve("logs"))) {
            assertThat(logs.toList()).isNotEmpty().allSatisfy(log -> assertThat(mode(log)).isEqualTo("rw-------"));
        }
    }

    @Test
    void doctorWarnsOfSharedDataWithoutChangingIt() throws Exception {
        assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX file system");
        Path lessons = Files.writeString(temp.resolve("lessons.jsonl"), "{\"kind\":\"pattern\",\"text\":\"Share "
                + "nothing.\"}\n");
        assertThat(run("import", lessons.toString()).exitCode()).isZero();
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(home.resolve("scms.db"), PosixFilePermissions.fromString("rw-r--r--"));

        Result result = run("doctor");

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout()).contains("warn  data      data folder " + home + " has mode 755 (rwxr-xr-x)")
                .contains("warn  database  database " + home.resolve("scms.db") + " has mode 644 (rw-r--r--)")
                .contains("run chmod go-rwx '" + home.resolve("scms.db") + "'");
        assertThat(mode(home)).isEqualTo("rwxr-xr-x");
        assertThat(mode(home.resolve("scms.db"))).isEqualTo("rw-r--r--");
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void doctorFailsOnNewerDatabaseWithoutChangingIt() throws Exception {
        Files.createDirectories(home);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("scms.db"));
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = 99");
        }
        String before = digest(home.resolve("scms.db"));

        Result result = run("doctor");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).contains("FAIL  database  schema version 99 is newer than this program's");
        assertThat(digest(home.resolve("scms.db"))).isEqualTo(before);
    }

    @Test
    void doctorReportsInvalidSettingsFile() throws Exception {
        Files.writeString(userFile, "k = \n");

        Result result = run("doctor");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).contains("FAIL  settings  invalid TOML in settings file " + userFile
                + " at line 1, column");
    }

    @Test
    void badSettingsFileStopsServeWithExitTwo() throws Exception {
        Files.writeString(project.resolve(".scms.toml"), "k = \"five\"\n");

        Result result = run("serve");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr().lines().toList()).containsExactly("scms: invalid setting k (project settings file "
                + project.resolve(".scms.toml") + "): text 'five' must be a whole number without quotes, e.g. k = 5");
    }

    @Test
    void invalidProjectSettingStopsServeAndFailsDoctor() throws Exception {
        Map<String, String> environment = Map.of("SCMS_PROJECT", "~nobody/x");

        Result serve = run(environment, "serve");
        Result doctor = run(environment, "doctor");

        assertThat(serve.exitCode()).isEqualTo(2);
        assertThat(serve.stdout()).isEmpty();
        assertThat(serve.stderr()).startsWith("scms: invalid setting project (environment SCMS_PROJECT): "
                + "'~nobody/x' is not a valid folder path (only ~ and ~/");
        assertThat(doctor.exitCode()).isEqualTo(1);
        assertThat(doctor.stdout()).contains("FAIL  settings  invalid setting project (environment SCMS_PROJECT)");
    }

    @Test
    void projectFileMayNotMoveData() throws Exception {
        Files.writeString(project.resolve(".scms.toml"), "home = \"/tmp/elsewhere\"\n");

        Result result = run("serve");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("scms: setting home is not allowed in project settings file");
        assertThat(home).doesNotExist();
    }

    private static JsonNode setting(JsonNode report, String key) {
        for (JsonNode setting : report.get("settings")) {
            if (setting.get("key").asText().equals(key)) {
                return setting;
            }
        }
        throw new AssertionError("setting " + key + " missing from " + report);
    }

    private static String digest(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private Result run(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar",
                ServerProcess.jar().toString()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(temp, "stderr", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(Files.createTempFile(temp,
                        "stdin", ".txt").toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("SCMS_"));
        builder.environment().put("SCMS_HOME", home.toString());
        builder.environment().put("XDG_CONFIG_HOME", temp.resolve("config").toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), stdout, Files.readString(stderr));
    }
}

package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the memory commands of the real jar, one process each, on a real store, model and project folder. */
class CliIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private record Result(int exitCode, String stdout, String stderr) {

        JsonNode json() throws Exception {
            return JSON.readTree(stdout);
        }
    }

    @Test
    void memoryLifecycleFromCommandLine() throws Exception {
        Path home = temp.resolve("home");
        Path project = Files.createDirectory(temp.resolve("project"));

        Result added = run(home, project, "add", "Set journal_mode=WAL and busy_timeout on every SQLite connection.",
                "--title", "Enable WAL for SQLite", "--domain", "sqlite", "--tags", "sqlite,locking", "--json");
        assertThat(added.exitCode()).isZero();
        long id = added.json().get("id").asLong();
        assertThat(added.json().get("result").asText()).isEqualTo("stored");
        assertThat(run(home, project, "add", "Run Gradle with --no-daemon in CI to avoid leaked daemons.")
                .stdout()).startsWith("stored ");

        JsonNode listed = run(home, project, "list", "--json").json();
        assertThat(listed.isArray()).isTrue();
        assertThat(listed).hasSize(2).allSatisfy(memory -> assertThat(memory.has("id")).isTrue());
        assertThat(listed.toString()).doesNotContain("null");

        Result shown = run(home, project, "show", Long.toString(id));
        assertThat(shown.stdout()).contains("Memory " + id + ": Enable WAL for SQLite", "sqlite, locking",
                "0 helpful, 0 not helpful", "Set journal_mode=WAL");

        Result found = run(home, project, "search", "database is locked", "sqlite");
        assertThat(found.exitCode()).isZero();
        assertThat(found.stdout().lines().findFirst()).contains("RANK  ID  SCORE  KIND     LAYER  TITLE: TEXT");
        assertThat(found.stdout()).contains("Enable WAL for SQLite: Set journal_mode=WAL");
        assertThat(run(home, project, "show", Long.toString(id), "--json").json().get("helpful_count").asInt())
                .as("a search never counts as a use").isZero();

        Result used = run(home, project, "use", Long.toString(id), "--note", "fixed the lock error");
        assertThat(used.stdout()).contains("Recorded use of memory " + id + ": 1 helpful, 0 not helpful.");

        Result early = run(home, project, "promote", Long.toString(id));
        assertThat(early.exitCode()).isEqualTo(1);
        assertThat(early.stderr()).contains("is not yet eligible", "so it needs 4 more helpful uses", "--force")
                .doesNotContain("Exception");
        assertThat(early.stdout()).isEmpty();

        JsonNode promoted = run(home, project, "promote", Long.toString(id), "--force", "--json").json();
        assertThat(promoted.get("policy").asText()).endsWith("+force");
        assertThat(promoted.get("project").asText()).isEqualTo(project.toRealPath().toString().replace('\\', '/'));

        Result forgotten = run(home, project, "forget", Long.toString(id), "--reason", "superseded by the rule");
        assertThat(forgotten.stdout()).contains("Archived memory " + id);
        assertThat(run(home, project, "forget", Long.toString(id)).exitCode()).isEqualTo(1);

        JsonNode all = run(home, project, "list", "--status", "all", "--json").json();
        assertThat(all).anySatisfy(memory -> {
            assertThat(memory.get("id").asLong()).isEqualTo(id);
            assertThat(memory.get("status").asText()).isEqualTo("archived");
        });
        assertThat(run(home, project, "list", "--json").json()).hasSize(2);

        Path exports = Files.createDirectory(temp.resolve("exports"));
        Path markdown = Files.writeString(exports.resolve("memories.md"), "an older export");
        boolean posix = exports.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.setPosixFilePermissions(markdown, PosixFilePermissions.fromString("rw-r-----"));
        }
        assertThat(run(home, project, "export", "--archived", "-o", markdown.toString()).exitCode()).isZero();
        assertThat(Files.readString(markdown)).contains("## Enable WAL for SQLite", "- status: archived");
        assertThat(exports.toFile().list()).as("no temporary file is left").containsExactly("memories.md");
        if (posix) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(markdown))).isEqualTo("rw-r-----");
        }
        Path otherHome = temp.resolve("other");
        Result imported = run(otherHome, project, "import", markdown.toString());
        assertThat(imported.stdout()).contains("Imported 3 memories");
        assertThat(summaries(run(otherHome, project, "list", "--status", "all", "--json").json()))
                .isEqualTo(summaries(run(home, project, "list", "--status", "all", "--json").json()));
        assertThat(run(otherHome, project, "export").stdout()).isEqualTo(run(home, project, "export").stdout());

        Result reindexed = run(home, project, "reindex");
        assertThat(reindexed.exitCode()).isZero();
        assertThat(reindexed.stdout()).startsWith("Re-embedded 3 memories with ");

        JsonNode stats = run(home, project, "stats", "--json").json();
        assertThat(stats.get("active").asInt()).isEqualTo(2);
        assertThat(stats.get("archived").asInt()).isEqualTo(1);
        assertThat(stats.get("promotions").asInt()).isEqualTo(1);
    }

    @Test
    void hostileSettingsStayOnOneLine() throws Exception {
        Path home = temp.resolve("home");
        Path project = Files.createDirectory(temp.resolve("cloned"));
        Files.writeString(project.resolve(".scms.toml"), "\"\\u001b]0;pwned\\u0007\\u001b[2J\" = 1\n");

        Result escaped = run(home, project, Map.of(), "list");
        assertThat(escaped.exitCode()).isEqualTo(2);
        assertThat(escaped.stderr().lines()).singleElement().asString()
                .startsWith("scms: unknown setting '\\u001b]0;pwned\\u0007\\u001b[2J'");
        assertThat(escaped.stderr()).doesNotContain("\u001b", "\u0007");

        Files.delete(project.resolve(".scms.toml"));
        Files.createDirectory(project.resolve(".scms.toml"));
        Result folder = run(home, project, Map.of(), "list");
        assertThat(folder.exitCode()).isEqualTo(2);
        assertThat(folder.stderr()).contains(".scms.toml is a folder");
    }

    @Test
    void misspeltVariableWarnsOnce() throws Exception {
        Path home = temp.resolve("home");
        Path project = Files.createDirectory(temp.resolve("project"));

        Result listed = run(home, project, Map.of("SCMS_MIN_RELEVENCE", "0.9"), "list");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.stderr().lines().filter(line -> line.contains("SCMS_"))).containsExactly(
                "scms: warning: environment variable 'SCMS_MIN_RELEVENCE' is not a setting and is ignored; did you "
                        + "mean SCMS_MIN_RELEVANCE?");

        Result model = run(home, project, Map.of(), "--model", "huge", "list");
        assertThat(model.exitCode()).isEqualTo(2);
        assertThat(model.stderr()).contains("invalid setting model (command line --model): 'huge'");
    }

    @Test
    void invalidMarkdownListedWithFileAndLine() throws Exception {
        Path project = Files.createDirectory(temp.resolve("project"));
        Path notes = Files.writeString(project.resolve("notes.md"), "## One\n\n- kind pattern\n\n## Two\n\n"
                + "- kind: pattern\n- importance: high\n\n```\ntext\n```\n");

        Result result = run(temp.resolve("home"), project, "import", notes.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr().lines()).containsExactly(
                "scms import: " + notes + " line 3: expected a field as '- name: value', got '- kind pattern'",
                "scms import: " + notes + " line 5: 'importance' must be a number from 0 to 1, got \"high\"",
                "scms import: nothing imported; fix the memories above or pass --skip-invalid");
    }

    /** Returns what survives an export: everything but ids, counts and update times. */
    private static List<String> summaries(JsonNode memories) {
        List<String> summaries = new ArrayList<>();
        for (JsonNode memory : memories) {
            summaries.add(String.join("|", memory.get("layer").asText(), memory.get("kind").asText(),
                    memory.get("title").asText(), memory.get("scope").asText(), memory.get("tags").toString(),
                    memory.get("created_at").asText(), memory.get("status").asText()));
        }
        return summaries;
    }

    private Result run(Path home, Path workingFolder, String... args) throws Exception {
        return run(home, workingFolder, Map.of(), args);
    }

    private Result run(Path home, Path workingFolder, Map<String, String> environment, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-XX:+UseSerialGC", "-jar", ServerProcess.jar().toString()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(temp, "stderr", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingFolder.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("SCMS_HOME", home.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), stdout, Files.readString(stderr));
    }
}

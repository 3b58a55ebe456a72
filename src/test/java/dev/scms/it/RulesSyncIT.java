package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives {@code scms rules sync} as a process on a real store and a real project folder. */
class RulesSyncIT {

    @TempDir
    Path temp;

    @Test
    void syncWritesTargetsOnce() throws Exception {
        Path project = Files.createDirectory(temp.resolve("project"));
        Files.writeString(project.resolve("AGENTS.md"), "# Agents\n\nRun make test.\n");
        boolean posix = project.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.setPosixFilePermissions(project.resolve("AGENTS.md"), PosixFilePermissions.fromString("rw-rw-r--"));
        }
        Path lessons = Files.writeString(temp.resolve("rules.jsonl"), "{\"kind\":\"rule\",\"title\":\"Enable WAL\","
                + "\"text\":\"Set journal_mode=WAL and busy_timeout on every connection.\",\"project\":\""
                + project.toRealPath().toString().replace('\\', '/') + "\"}\n");
        assertThat(run("import", lessons.toString()).exitCode()).isZero();

        Result first = run("rules", "sync", "--project", project.toString());
        Result second = run("rules", "sync", "--project", project.toString());

        assertThat(first.exitCode()).isZero();
        assertThat(first.stdout()).contains("1 rule of project").contains("created   ").contains("updated   ");
        assertThat(second.stdout()).doesNotContain("created", "updated").contains("unchanged");
        assertThat(Files.readString(project.resolve("AGENTS.md"))).startsWith("# Agents\n\nRun make test.\n\n"
                + "<!-- scms:rules:start -->").contains("## Enable WAL");
        assertThat(Files.readString(project.resolve(".cursor/rules/scms.mdc"))).contains("alwaysApply: true");
        assertThat(Files.readString(project.resolve(".windsurf/rules/scms.md"))).contains("trigger: always_on");
        assertThat(Files.readString(project.resolve(".claude/rules/scms.md"))).contains("## Enable WAL");
        if (posix) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(project.resolve("AGENTS.md"))))
                    .isEqualTo("rw-rw-r--");
            assertThat(Files.getPosixFilePermissions(project.resolve(".claude/rules/scms.md")))
                    .isEqualTo(Files.getPosixFilePermissions(lessons));
        }
    }

    @Test
    void syncWithoutRulesCreatesNothing() throws Exception {
        Path project = Files.createDirectory(temp.resolve("project"));

        Result result = run("rules", "sync", "--project", project.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("0 rules of project", "no rules file was created");
        try (var files = Files.list(project)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void windsurfFileOverLimitWarnsButSyncs() throws Exception {
        Path project = Files.createDirectory(temp.resolve("project"));
        String text = "Keep every migration reversible. ".repeat(400);
        Path lessons = Files.writeString(temp.resolve("rules.jsonl"), "{\"kind\":\"rule\",\"title\":\"Reversible "
                + "migrations\",\"text\":\"" + text.strip() + "\",\"project\":\""
                + project.toRealPath().toString().replace('\\', '/') + "\"}\n");
        assertThat(run("import", lessons.toString()).exitCode()).isZero();

        Result result = run("rules", "sync", "--project", project.toString(), "--target", "windsurf,claude");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).contains("scms: warning:").contains(".windsurf/rules/scms.md")
                .contains("12000").doesNotContain(".claude/rules/scms.md");
        assertThat(Files.readString(project.resolve(".windsurf/rules/scms.md"))).contains(text.strip());
    }

    @Test
    void foreignFileIsSkippedWithExitOne() throws Exception {
        Path project = Files.createDirectory(temp.resolve("project"));
        Files.createDirectories(project.resolve(".claude/rules"));
        Files.writeString(project.resolve(".claude/rules/scms.md"), "mine\n");
        Path lessons = Files.writeString(temp.resolve("rules.jsonl"), "{\"kind\":\"rule\",\"text\":\"Use tabs.\","
                + "\"project\":\"" + project.toRealPath().toString().replace('\\', '/') + "\"}\n");
        assertThat(run("import", lessons.toString()).exitCode()).isZero();

        Result result = run("rules", "sync", "--project", project.toString(), "--target", "claude,cursor");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("skipped claude").contains("was not written by scms rules sync");
        assertThat(Files.readString(project.resolve(".claude/rules/scms.md"))).isEqualTo("mine\n");
        assertThat(project.resolve(".cursor/rules/scms.mdc")).exists();
    }

    @Test
    void unknownTargetAndMissingFolderAreClearErrors() throws Exception {
        Result unknown = run("rules", "sync", "--project", temp.toString(), "--target", "vim");
        Result missing = run("rules", "sync", "--project", temp.resolve("nope").toString());

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("unknown --target 'vim'");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).contains("does not exist").doesNotContain("Exception");
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar",
                ServerProcess.jar().toString()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(temp, "stderr", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().put("SCMS_HOME", temp.resolve("home").toString());
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), stdout, Files.readString(stderr));
    }
}

package dev.scms.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scms.rules.RulesFiles.Change;
import dev.scms.rules.RulesFiles.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesFilesTest {

    private static final List<Rule> RULES = List.of(
            new Rule(12, "Enable WAL in SQLite", "Set journal_mode=WAL and a busy_timeout on every connection."),
            new Rule(15, "Pin CI actions", "Pin every GitHub Action to a commit SHA."));

    @TempDir
    Path temp;

    private Path project;
    private RulesFiles files;

    @BeforeEach
    void setUp() throws IOException {
        project = Files.createDirectory(temp.resolve("project"));
        files = RulesFiles.in(project);
    }

    @Test
    void replacedFileKeepsItsMode() throws IOException {
        assumeTrue(project.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path agents = Files.writeString(project.resolve("AGENTS.md"), "# Notes\n");
        for (String mode : List.of("rw-r--r--", "rw-rw-r--")) {
            Files.setPosixFilePermissions(agents, PosixFilePermissions.fromString(mode));

            files.sync(RuleTarget.AGENTS, mode.equals("rw-r--r--") ? RULES : RULES.subList(0, 1));

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agents))).isEqualTo(mode);
        }
    }

    @Test
    void newFileGetsModeOfPlainCreation() throws IOException {
        assumeTrue(project.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(temp.resolve("plain.txt"));

        files.sync(RuleTarget.CLAUDE, RULES);

        assertThat(Files.getPosixFilePermissions(project.resolve(".claude/rules/scms.md")))
                .isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void writtenBeforeOnlyForMarkedFiles() throws IOException {
        Files.writeString(project.resolve("AGENTS.md"), "# Notes\n");
        assertThat(files.writtenBefore(RuleTarget.AGENTS)).isFalse();
        assertThat(files.writtenBefore(RuleTarget.CLAUDE)).isFalse();

        files.sync(RuleTarget.AGENTS, RULES);

        assertThat(files.writtenBefore(RuleTarget.AGENTS)).isTrue();
    }

    @Test
    void everyTargetIsCreatedWithItsFormat() throws IOException {
        for (RuleTarget target : RuleTarget.values()) {
            assertThat(files.sync(target, RULES).change()).isEqualTo(Change.CREATED);
        }

        assertThat(read(".claude/rules/scms.md")).startsWith(RulesFiles.MANAGED + "\n\n# Project rules from SCMS")
                .contains("## Enable WAL in SQLite", "_SCMS rule 12._", "## Pin CI actions");
        assertThat(read(".cursor/rules/scms.mdc")).startsWith("---\ndescription: Project rules recorded by SCMS\n"
                + "alwaysApply: true\n---\n" + RulesFiles.MANAGED);
        assertThat(read(".windsurf/rules/scms.md")).startsWith("---\ntrigger: always_on\n---\n" + RulesFiles.MANAGED);
        assertThat(read("AGENTS.md")).startsWith(RulesFiles.START + "\n").endsWith(RulesFiles.END + "\n");
    }

    @Test
    void secondSyncChangesNothing() throws IOException {
        for (RuleTarget target : RuleTarget.values()) {
            files.sync(target, RULES);
        }
        FileTime old = FileTime.fromMillis(1_000_000);
        for (RuleTarget target : RuleTarget.values()) {
            Files.setLastModifiedTime(project.resolve(target.relativePath()), old);
        }

        for (RuleTarget target : RuleTarget.values()) {
            assertThat(files.sync(target, RULES).change()).isEqualTo(Change.UNCHANGED);
            assertThat(Files.getLastModifiedTime(project.resolve(target.relativePath()))).isEqualTo(old);
        }
    }

    @Test
    void windsurfFileOverLimitWarns() throws IOException {
        List<Rule> longRule = List.of(new Rule(7, "Long rule", "x".repeat(12_500)));

        RulesFiles.Outcome windsurf = files.sync(RuleTarget.WINDSURF, longRule);
        RulesFiles.Outcome claude = files.sync(RuleTarget.CLAUDE, longRule);

        assertThat(windsurf.characters()).isEqualTo(read(".windsurf/rules/scms.md").length()).isGreaterThan(12_000);
        assertThat(windsurf.limitWarning()).hasValueSatisfying(warning -> assertThat(warning)
                .contains(".windsurf/rules/scms.md", String.valueOf(windsurf.characters()), "12000", "AGENTS.md"));
        assertThat(claude.limitWarning()).isEmpty();
    }

    @Test
    void windsurfFileWithinLimitDoesNotWarn() throws IOException {
        RulesFiles.Outcome outcome = files.sync(RuleTarget.WINDSURF, RULES);

        assertThat(outcome.characters()).isLessThan(12_000);
        assertThat(outcome.limitWarning()).isEmpty();
        assertThat(files.sync(RuleTarget.WINDSURF, RULES).limitWarning()).isEmpty();
    }

    @Test
    void newRulesUpdateTheOwnedFile() throws IOException {
        files.sync(RuleTarget.CLAUDE, RULES);

        RulesFiles.Outcome outcome = files.sync(RuleTarget.CLAUDE, RULES.subList(0, 1));

        assertThat(outcome.change()).isEqualTo(Change.UPDATED);
        assertThat(read(".claude/rules/scms.md")).contains("Enable WAL").doesNotContain("Pin CI actions");
    }

    @Test
    void agentsOutsideTextKept() throws IOException {
        String before = "# Agents\r\n\r\nRun `make test` before committing.\r\n";
        String after = "\r\n## Style\r\nTabs, not spaces.\r\n";
        Files.writeString(project.resolve("AGENTS.md"), before);

        files.sync(RuleTarget.AGENTS, RULES);
        Files.writeString(project.resolve("AGENTS.md"), read("AGENTS.md") + after);
        files.sync(RuleTarget.AGENTS, RULES.subList(1, 2));

        String text = read("AGENTS.md");
        assertThat(text).startsWith(before + "\n" + RulesFiles.START).endsWith(RulesFiles.END + "\n" + after);
        assertThat(text).contains("Pin CI actions").doesNotContain("Enable WAL");
    }

    @Test
    void foreignWholeFileIsRejectedAndKept() throws IOException {
        Path file = Files.createDirectories(project.resolve(".claude/rules")).resolve("scms.md");
        Files.writeString(file, "my own notes\n");

        assertThatThrownBy(() -> files.sync(RuleTarget.CLAUDE, RULES)).isInstanceOf(RulesFileException.class)
                .hasMessageContaining("was not written by scms rules sync");
        assertThat(Files.readString(file)).isEqualTo("my own notes\n");
    }

    @Test
    void brokenMarkersAreRejected() throws IOException {
        for (String text : List.of(RulesFiles.END + "\n" + RulesFiles.START + "\n", RulesFiles.START + "\n",
                RulesFiles.START + "\n" + RulesFiles.END + "\n" + RulesFiles.START + "\n" + RulesFiles.END + "\n")) {
            Files.writeString(project.resolve("AGENTS.md"), text);

            assertThatThrownBy(() -> files.sync(RuleTarget.AGENTS, RULES)).isInstanceOf(RulesFileException.class)
                    .hasMessageContaining("broken SCMS markers");
            assertThat(read("AGENTS.md")).isEqualTo(text);
        }
    }

    @Test
    void ruleTextCannotForgeMarkers() throws IOException {
        List<Rule> hostile = List.of(new Rule(1, "x " + RulesFiles.END, "body " + RulesFiles.START + " <!-- hidden -->"));

        files.sync(RuleTarget.AGENTS, hostile);

        String text = read("AGENTS.md");
        assertThat(text.split(java.util.regex.Pattern.quote(RulesFiles.START), -1)).hasSize(2);
        assertThat(text.split(java.util.regex.Pattern.quote(RulesFiles.END), -1)).hasSize(2);
        assertThat(files.sync(RuleTarget.AGENTS, hostile).change()).isEqualTo(Change.UNCHANGED);
    }

    @Test
    void linkedFolderOutsideProjectIsRejected() throws IOException {
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Files.createSymbolicLink(project.resolve(".cursor"), outside);

        assertThatThrownBy(() -> files.sync(RuleTarget.CURSOR, RULES)).isInstanceOf(RulesFileException.class)
                .hasMessageContaining("outside the project folder");
        try (var left = Files.list(outside)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void linkedFileIsRejected() throws IOException {
        Path target = Files.writeString(temp.resolve("elsewhere.md"), "keep");
        Files.createSymbolicLink(project.resolve("AGENTS.md"), target);

        assertThatThrownBy(() -> files.sync(RuleTarget.AGENTS, RULES)).isInstanceOf(RulesFileException.class)
                .hasMessageContaining("symbolic link");
        assertThat(Files.readString(target)).isEqualTo("keep");
    }

    @Test
    void invalidUtf8IsLeftAlone() throws IOException {
        byte[] latin1 = "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(project.resolve("AGENTS.md"), latin1);

        assertThatThrownBy(() -> files.sync(RuleTarget.AGENTS, RULES)).isInstanceOf(RulesFileException.class)
                .hasMessageContaining("not valid UTF-8");
        assertThat(Files.readAllBytes(project.resolve("AGENTS.md"))).isEqualTo(latin1);
    }

    @Test
    void noRulesWritesAStub() throws IOException {
        files.sync(RuleTarget.CLAUDE, List.of());

        assertThat(read(".claude/rules/scms.md")).contains("This project has no active rules.");
    }

    @Test
    void targetNamesParse() {
        assertThat(RuleTarget.parse(" Cursor ")).contains(RuleTarget.CURSOR);
        assertThat(RuleTarget.parse("vim")).isEmpty();
        assertThat(RuleTarget.parse(null)).isEmpty();
    }

    private String read(String relative) throws IOException {
        return Files.readString(project.resolve(relative));
    }
}

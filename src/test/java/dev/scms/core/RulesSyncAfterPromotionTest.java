package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.model.Kind;
import dev.scms.promotion.StaticPolicy;
import dev.scms.rules.RuleTarget;
import dev.scms.rules.RulesFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesSyncAfterPromotionTest {

    private static final String WAL = "Enable WAL journal mode in SQLite so readers never block the writer.";

    @TempDir
    Path temp;

    @Test
    void promotionWritesRulesFilesWhenOn() throws IOException {
        Path project = Files.createDirectory(temp.resolve("project"));
        ScmsHarness harness = ScmsHarness.open(temp.resolve("on"), StaticPolicy.defaults(), Map.of("rules_sync", "true"));
        try {
            long id = harness.remember("Enable WAL journal mode in SQLite so readers never block the writer.",
                    Kind.PATTERN, Optional.empty()).memory().id();

            harness.promote(id, project.toString(), true);

            assertThat(Files.readString(project.resolve(".claude/rules/scms.md"))).contains("Enable WAL journal mode");
            assertThat(Files.readString(project.resolve("AGENTS.md"))).contains("<!-- scms:rules:start -->");
        } finally {
            harness.close();
        }
    }

    @Test
    void promotionLeavesProjectAloneWhenOff() throws IOException {
        Path project = Files.createDirectory(temp.resolve("project"));
        ScmsHarness harness = ScmsHarness.open(temp.resolve("off"), StaticPolicy.defaults(), Map.of());
        try {
            long id = harness.remember("Enable WAL journal mode in SQLite so readers never block the writer.",
                    Kind.PATTERN, Optional.empty()).memory().id();

            harness.promote(id, project.toString(), true);

            try (var files = Files.list(project)) {
                assertThat(files).isEmpty();
            }
        } finally {
            harness.close();
        }
    }

    @Test
    void namedProjectWithoutFolderStillPromotes() {
        ScmsHarness harness = ScmsHarness.open(temp.resolve("named"), StaticPolicy.defaults(),
                Map.of("rules_sync", "true"));
        try {
            long id = harness.remember("Enable WAL journal mode in SQLite so readers never block the writer.",
                    Kind.PATTERN, Optional.empty()).memory().id();

            PromoteResult result = harness.promote(id, "acme", true);

            assertThat(result.rule().project()).isPresent();
        } finally {
            harness.close();
        }
    }

    @Test
    void promotionReportsWrittenFiles() throws IOException {
        Path project = Files.createDirectory(temp.resolve("project"));
        try (ScmsHarness harness = ScmsHarness.open(temp.resolve("on"), StaticPolicy.defaults(),
                Map.of("rules_sync", "true"))) {
            long id = harness.remember(WAL, Kind.PATTERN, Optional.empty()).memory().id();

            PromoteResult result = harness.promote(id, project.toString(), true);

            assertThat(result.rulesFiles()).extracting(RulesFiles.Outcome::file)
                    .contains(project.toRealPath().resolve("AGENTS.md"));
        }
    }

    @Test
    void forgetAndRestoreOfRuleResync() throws IOException {
        Path project = Files.createDirectory(temp.resolve("project"));
        Path claude = project.resolve(".claude/rules/scms.md");
        try (ScmsHarness harness = ScmsHarness.open(temp.resolve("on"), StaticPolicy.defaults(),
                Map.of("rules_sync", "true"))) {
            long id = harness.remember(WAL, Kind.PATTERN, Optional.empty()).memory().id();
            long rule = harness.promote(id, project.toString(), true).rule().id();

            Forgetter.Change forgotten = harness.scms.forgetter().forget(rule, "obsolete");

            assertThat(Files.readString(claude)).doesNotContain("Enable WAL")
                    .contains("This project has no active rules.");
            assertThat(forgotten.rulesFiles()).hasSize(4);

            Forgetter.Change restored = harness.scms.forgetter().restore(rule);

            assertThat(Files.readString(claude)).contains("Enable WAL");
            assertThat(restored.rulesFiles()).hasSize(4);
        }
    }

    @Test
    void restoreRejectsIdenticalActiveTwin() throws IOException {
        Path project = Files.createDirectory(temp.resolve("project"));
        try (ScmsHarness harness = ScmsHarness.open(temp.resolve("twin"), StaticPolicy.defaults(), Map.of())) {
            long id = harness.remember(WAL, Kind.PATTERN, Optional.empty()).memory().id();
            long first = harness.promote(id, project.toString(), true).rule().id();
            harness.scms.forgetter().forget(first, "superseded");
            long second = harness.promote(id, project.toString(), true).rule().id();

            assertThatThrownBy(() -> harness.scms.forgetter().restore(first))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("same text as active memory " + second);
            assertThat(harness.find(first).isActive()).isFalse();
        }
    }

    @Test
    void syncWithoutRulesCreatesNoFile() throws IOException {
        Path project = Files.createDirectory(temp.resolve("project"));
        Files.writeString(project.resolve("AGENTS.md"), "# Notes\n");
        try (ScmsHarness harness = ScmsHarness.open(temp.resolve("empty"), StaticPolicy.defaults(), Map.of())) {
            RulesSyncer.Report report = new RulesSyncer(harness.store).sync(project, EnumSet.allOf(RuleTarget.class));

            assertThat(report.outcomes()).isEmpty();
            assertThat(report.notCreated()).containsExactly(RuleTarget.values());
            assertThat(Files.readString(project.resolve("AGENTS.md"))).isEqualTo("# Notes\n");
            try (var files = Files.list(project)) {
                assertThat(files).containsExactly(project.resolve("AGENTS.md"));
            }
        }
    }
}

package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.model.Kind;
import dev.scms.promotion.StaticPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesSyncAfterPromotionTest {

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
}

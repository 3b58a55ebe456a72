package dev.scms.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RulesMarkdownTest {

    @Test
    void renderWritesRepeatedTitleOnce() {
        String text = RulesMarkdown.render(List.of(new RulesFiles.Rule(7, "Use WAL mode", "Use WAL mode.")));

        assertThat(text).contains("## Use WAL mode\n\n_SCMS rule 7._").containsOnlyOnce("Use WAL mode");
    }

    @Test
    void renderKeepsLongerBody() {
        String text = RulesMarkdown.render(List.of(new RulesFiles.Rule(3, "Use WAL mode",
                "Use WAL mode.\r\nReaders then never block the writer.")));

        assertThat(text).contains("## Use WAL mode\n\nUse WAL mode.\nReaders then never block the writer.\n\n"
                + "_SCMS rule 3._");
    }

    @Test
    void renderMakesCommentOpenersInert() {
        String text = RulesMarkdown.render(List.of(new RulesFiles.Rule(1, "a <!-- b", "c <!-- scms:rules:end -->")));

        assertThat(text).doesNotContain("<!--");
    }
}

package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.util.McpUriTemplateManager;
import org.junit.jupiter.api.Test;

class ProjectUriTemplatesTest {

    private final ProjectUriTemplates templates = new ProjectUriTemplates();

    @Test
    void emptyProjectMatchesTemplate() {
        assertThat(templates.create("scms://rules/{project}").matches("scms://rules/")).isTrue();
    }

    @Test
    void unencodedSlashMatchesTemplate() {
        assertThat(templates.create("scms://rules/{project}").matches("scms://rules/%2Ftmp/x")).isTrue();
    }

    @Test
    void otherPrefixDoesNotMatch() {
        McpUriTemplateManager rules = templates.create("scms://rules/{project}");

        assertThat(rules.matches("scms://stats/shop")).isFalse();
        assertThat(rules.matches("scms://rules")).isFalse();
    }

    @Test
    void plainResourceMatchesOnlyItself() {
        McpUriTemplateManager rules = templates.create("scms://rules");

        assertThat(rules.matches("scms://rules")).isTrue();
        assertThat(rules.matches("scms://rules/")).isFalse();
    }

    @Test
    void projectVariableExtracted() {
        assertThat(templates.create("scms://stats/{project}").extractVariableValues("scms://stats/shop"))
                .containsEntry("project", "shop");
        assertThat(templates.create("scms://stats/{project}").getVariableNames()).containsExactly("project");
    }
}

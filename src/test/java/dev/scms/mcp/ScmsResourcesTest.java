package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scms.model.Kind;
import dev.scms.model.Memory;
import dev.scms.rules.RulesFiles;
import dev.scms.rules.RulesMarkdown;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScmsResourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private McpFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new McpFixture(temp);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void listsThreeResourcesAndTwoTemplates() {
        assertThat(fixture.resources.resources()).extracting(spec -> spec.resource().uri())
                .containsExactly("scms://rules", "scms://stats", "scms://session");
        assertThat(fixture.resources.resources()).extracting(spec -> spec.resource().mimeType())
                .containsExactly("text/markdown", "application/json", "application/json");
        assertThat(fixture.resources.templates()).extracting(spec -> spec.resourceTemplate().uriTemplate())
                .containsExactly("scms://rules/{project}", "scms://stats/{project}");
        assertThat(fixture.resources.resources()).allSatisfy(spec -> assertThat(spec.resource().description())
                .isNotBlank());
    }

    @Test
    void rulesResourceIsRulesSyncText() {
        Memory rule = fixture.remember("Run database migrations before each deploy.", Kind.RULE,
                Optional.of(fixture.project.value()));

        TextResourceContents contents = read("scms://rules");

        assertThat(contents.mimeType()).isEqualTo("text/markdown");
        assertThat(contents.uri()).isEqualTo("scms://rules");
        assertThat(contents.text()).isEqualTo(RulesMarkdown.render(List.of(new RulesFiles.Rule(rule.id(),
                rule.title(), rule.body()))));
        assertThat(contents.text()).contains("_SCMS rule " + rule.id() + "._");
    }

    @Test
    void statsResourceIsJsonOfCurrentProject() throws Exception {
        fixture.remember("Enable WAL journal mode in SQLite.", Kind.PATTERN, Optional.empty());
        fixture.retrieve("sqlite wal journal mode", McpFixture.SESSION);

        JsonNode stats = JSON.readTree(read("scms://stats").text());

        assertThat(stats.path("project").asText()).isEqualTo(fixture.project.value());
        assertThat(stats.path("active").asInt()).isEqualTo(1);
        assertThat(stats.path("session").path("session_key").asText()).isEqualTo(McpFixture.SESSION);
        assertThat(stats.path("session").path("retrievals").asInt()).isEqualTo(1);
        assertThat(stats.path("past_sessions").path("sessions").asInt()).isZero();
    }

    @Test
    void sessionResourceShowsCallingSession() throws Exception {
        fixture.remember("Enable WAL journal mode in SQLite.", Kind.PATTERN, Optional.empty());
        fixture.retrieve("sqlite wal journal mode", McpFixture.SESSION);
        fixture.retrieve("sqlite wal journal mode", "other-session");

        JsonNode session = JSON.readTree(read("scms://session").text());

        assertThat(session.path("session_key").asText()).isEqualTo(McpFixture.SESSION);
        assertThat(session.path("client_name").asText()).isEqualTo("test-client");
        assertThat(session.path("client_version").asText()).isEqualTo("1.2");
        assertThat(session.path("retrievals").asInt()).isEqualTo(1);
        assertThat(session.path("recent").get(0).path("query").asText()).isEqualTo("sqlite wal journal mode");
    }

    @Test
    void templateReadsProjectByEncodedFolder() {
        Memory rule = fixture.remember("Tag every release in git.", Kind.RULE, Optional.of(fixture.project.value()));
        String encoded = URLEncoder.encode(fixture.project.value(), StandardCharsets.UTF_8);

        TextResourceContents contents = readTemplate(0, "scms://rules/" + encoded);

        assertThat(contents.uri()).isEqualTo("scms://rules/" + encoded);
        assertThat(contents.text()).contains("_SCMS rule " + rule.id() + "._");
    }

    @Test
    void templateReadsProjectByName() throws Exception {
        fixture.remember("Keep prices in cents.", Kind.RULE, Optional.of("billing"));

        JsonNode stats = JSON.readTree(readTemplate(1, "scms://stats/billing").text());

        assertThat(stats.path("project").asText()).isEqualTo("billing");
        assertThat(stats.path("by_layer").path("L1").asInt()).isEqualTo(1);
    }

    @Test
    void unknownProjectIsResourceNotFound() {
        assertThatThrownBy(() -> readTemplate(0, "scms://rules/nowhere"))
                .isInstanceOfSatisfying(McpError.class, error -> {
                    assertThat(error.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND);
                    assertThat(error.getMessage()).contains("'nowhere'");
                });
    }

    @Test
    void badEncodingIsInvalidParams() {
        assertThatThrownBy(() -> readTemplate(1, "scms://stats/%zz"))
                .isInstanceOfSatisfying(McpError.class, error -> {
                    assertThat(error.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
                    assertThat(error.getMessage()).contains("%zz");
                });
    }

    @Test
    void missingProjectIsInvalidParams() {
        assertThatThrownBy(() -> readTemplate(0, "scms://rules/"))
                .isInstanceOfSatisfying(McpError.class, error -> {
                    assertThat(error.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
                    assertThat(error.getMessage()).contains("project segment after scms://rules/ is empty")
                            .contains("scms://rules/%2Fhome%2Fme%2Fshop");
                });
    }

    @Test
    void unencodedSlashAsksForPercentEncoding() {
        assertThatThrownBy(() -> readTemplate(0, "scms://rules/%2Ftmp%2Fshop/x"))
                .isInstanceOfSatisfying(McpError.class, error -> {
                    assertThat(error.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
                    assertThat(error.getMessage()).contains("percent-encode each slash");
                });
    }

    @Test
    void longUnknownProjectEchoedOnceAndCut() {
        String name = "p".repeat(100_000);

        assertThatThrownBy(() -> readTemplate(0, "scms://rules/" + name))
                .isInstanceOfSatisfying(McpError.class, error -> assertThat(error.getMessage())
                        .hasSizeLessThan(1_000).contains("(100000 characters)"));
    }

    @Test
    void readingUnknownProjectStoresNothing() {
        assertThatThrownBy(() -> readTemplate(0, "scms://rules/payments")).isInstanceOf(McpError.class);

        assertThat(fixture.store.findProjectsByName("payments")).isEmpty();
    }

    private TextResourceContents read(String uri) {
        SyncResourceSpecification spec = fixture.resources.resources().stream()
                .filter(candidate -> candidate.resource().uri().equals(uri)).findFirst().orElseThrow();
        return (TextResourceContents) spec.readHandler().apply(fixture.exchange, ReadResourceRequest.builder(uri).build())
                .contents().get(0);
    }

    private TextResourceContents readTemplate(int index, String uri) {
        SyncResourceTemplateSpecification spec = fixture.resources.templates().get(index);
        return (TextResourceContents) spec.readHandler().apply(fixture.exchange, ReadResourceRequest.builder(uri).build())
                .contents().get(0);
    }
}

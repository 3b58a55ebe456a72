package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.model.Kind;
import dev.scms.model.Memory;
import dev.scms.store.RetrievalRecord;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScmsPromptsTest {

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
    void declaresTwoPromptsWithOptionalArguments() {
        List<McpSchema.Prompt> prompts = fixture.prompts.specifications().stream().map(SyncPromptSpecification::prompt)
                .toList();

        assertThat(prompts).extracting(McpSchema.Prompt::name).containsExactly("session_start", "failure_review");
        assertThat(prompts.get(0).arguments()).extracting(McpSchema.PromptArgument::name)
                .containsExactly("task", "project");
        assertThat(prompts.get(1).arguments()).extracting(McpSchema.PromptArgument::name)
                .containsExactly("project", "summary");
        assertThat(prompts).flatExtracting(McpSchema.Prompt::arguments)
                .allSatisfy(argument -> assertThat(argument.required()).isFalse());
    }

    @Test
    void sessionStartWithTaskRetrievesAndLogs() {
        Memory rule = fixture.remember("Run database migrations before each deploy.", Kind.RULE,
                Optional.of(fixture.project.value()));
        Memory wal = fixture.remember("Enable WAL journal mode in SQLite so readers never block writers.",
                Kind.PATTERN, Optional.empty());

        GetPromptResult result = get("session_start", Map.of("task", "sqlite readers block writers"));

        assertThat(result.messages()).hasSize(3);
        assertThat(result.messages()).allSatisfy(message -> assertThat(message.role()).isEqualTo(McpSchema.Role.USER));
        List<String> texts = texts(result);
        assertThat(texts.get(0)).contains("sqlite readers block writers").contains("record_use");
        assertThat(texts.get(1)).contains("_SCMS rule " + rule.id() + "._");
        assertThat(texts.get(2)).contains("(id " + wal.id() + ",").contains("> Enable WAL journal mode");
        assertThat(texts.get(2)).doesNotContain("Run database migrations");
        RetrievalRecord logged = fixture.store.recentRetrievals(1, Optional.empty()).get(0);
        assertThat(logged.session()).isEqualTo(McpFixture.SESSION);
        assertThat(logged.returnedIds()).containsExactly(wal.id());
        assertThat(texts.get(0)).contains("retrieval_id " + logged.id());
        assertThat(fixture.store.find(wal.id()).orElseThrow().helpfulCount()).isZero();
    }

    @Test
    void sessionStartWithoutTaskListsMostUsed() {
        Memory wal = fixture.remember("Enable WAL journal mode in SQLite.", Kind.PATTERN, Optional.empty());
        fixture.scms.recordUse(new dev.scms.core.UseRequest(wal.id(), dev.scms.model.Outcome.HELPFUL,
                Optional.empty(), Optional.of("ann"), Optional.of(fixture.project.value()), "", "s"),
                dev.scms.core.ProjectContext.of(Path.of(fixture.project.value())));

        GetPromptResult result = get("session_start", Map.of());

        List<String> texts = texts(result);
        assertThat(texts.get(0)).contains("used most often");
        assertThat(texts.get(1)).contains("This project has no active rules.");
        assertThat(texts.get(2)).contains("(id " + wal.id() + ",");
        assertThat(fixture.scms.session(McpFixture.SESSION).retrievals()).isEqualTo(1);
    }

    @Test
    void unknownArgumentIsInvalidParams() {
        assertThatThrownBy(() -> get("session_start", Map.of("topic", "x")))
                .isInstanceOfSatisfying(McpError.class, error -> {
                    assertThat(error.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
                    assertThat(error.getMessage()).contains("'topic'").contains("project, task");
                });
    }

    @Test
    void nonTextArgumentIsInvalidParams() {
        assertThatThrownBy(() -> get("failure_review", Map.of("summary", 42)))
                .isInstanceOfSatisfying(McpError.class, error -> assertThat(error.getMessage())
                        .contains("'summary'").contains("must be text"));
    }

    @Test
    void invalidProjectPathIsInvalidParams() {
        assertThatThrownBy(() -> get("session_start", Map.of("project", "file://bad host/x")))
                .isInstanceOfSatisfying(McpError.class, error -> assertThat(error.getJsonRpcError().code())
                        .isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS));
    }

    @Test
    void failureReviewAsksForLogFailure() {
        fixture.remember("Enable WAL journal mode in SQLite.", Kind.PATTERN, Optional.empty());
        long retrievalId = fixture.retrieve("sqlite wal journal mode", McpFixture.SESSION).retrievalId().orElseThrow();

        GetPromptResult result = get("failure_review", Map.of("summary", "the build hung on a locked db"));

        assertThat(result.messages()).hasSize(1);
        String text = texts(result).get(0);
        assertThat(text).contains("log_failure").contains("record_use").contains("bug_pattern")
                .contains("edge_case").contains(fixture.project.value()).contains("the build hung on a locked db");
        assertThat(text).contains("retrieval_id " + retrievalId);
    }

    @Test
    void blankArgumentMeansAbsent() {
        GetPromptResult result = get("failure_review", Map.of("summary", "  ", "project", ""));

        assertThat(texts(result).get(0)).doesNotContain("In short").contains(fixture.project.value())
                .contains("retrieved no memory yet");
    }

    private GetPromptResult get(String name, Map<String, Object> arguments) {
        SyncPromptSpecification spec = fixture.prompts.specifications().stream()
                .filter(candidate -> candidate.prompt().name().equals(name)).findFirst().orElseThrow();
        return spec.promptHandler().apply(fixture.exchange, GetPromptRequest.builder(name).arguments(arguments).build());
    }

    private static List<String> texts(GetPromptResult result) {
        return result.messages().stream().map(message -> ((McpSchema.TextContent) message.content()).text()).toList();
    }
}

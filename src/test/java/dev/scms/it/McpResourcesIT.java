package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lists and reads the resources and templates and gets both prompts from the real server
 * process with the SDK's client, then checks that the ended session left one summary row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class McpResourcesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    private ServerProcess server;
    private Path home;
    private String project;

    @BeforeAll
    void startServer() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("shop-api"));
        project = folder.toRealPath().toString();
        home = temp.resolve("home");
        server = ServerProcess.start(home, folder, Map.of());
        server.client().initialize();
        server.ok("remember", Map.of("kind", "rule", "text", "Run database migrations before every deploy of "
                + "shop-api.", "project", project));
        server.ok("remember", Map.of("text", "Set busy_timeout and WAL mode on every SQLite connection; without "
                + "them concurrent writers fail with SQLITE_BUSY: database is locked.", "domain", "sqlite"));
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void listsResourcesAndTemplates() {
        assertThat(server.client().listResources().resources()).extracting(McpSchema.Resource::uri)
                .containsExactlyInAnyOrder("scms://rules", "scms://stats", "scms://session");
        assertThat(server.client().listResourceTemplates().resourceTemplates())
                .extracting(McpSchema.ResourceTemplate::uriTemplate)
                .containsExactlyInAnyOrder("scms://rules/{project}", "scms://stats/{project}");
        assertThat(server.client().listPrompts().prompts()).extracting(McpSchema.Prompt::name)
                .containsExactlyInAnyOrder("session_start", "failure_review");
    }

    @Test
    @Order(2)
    void readsRulesStatsAndSession() throws Exception {
        TextResourceContents rules = read("scms://rules");
        assertThat(rules.mimeType()).isEqualTo("text/markdown");
        assertThat(rules.text()).startsWith("# Project rules from SCMS").contains("Run database migrations");

        JsonNode stats = JSON.readTree(read("scms://stats").text());
        assertThat(stats.path("project").asText()).isEqualTo(project);
        assertThat(stats.path("by_layer").path("L1").asInt()).isEqualTo(1);
        assertThat(stats.path("past_sessions").path("sessions").asInt()).isZero();

        JsonNode session = JSON.readTree(read("scms://session").text());
        assertThat(session.path("session_key").asText()).isNotEmpty();
        assertThat(session.path("client_name").asText()).isNotEmpty();
        assertThat(stats.path("session").path("session_key").asText()).isEqualTo(session.path("session_key")
                .asText());
    }

    @Test
    @Order(3)
    void templatesReadFolderRejectUnknown() throws Exception {
        String encoded = URLEncoder.encode(project, StandardCharsets.UTF_8);

        assertThat(read("scms://rules/" + encoded).text()).contains("Run database migrations");
        assertThat(JSON.readTree(read("scms://stats/" + encoded).text()).path("project").asText())
                .isEqualTo(project);
        assertThatThrownBy(() -> read("scms://rules/no-such-project"))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("'no-such-project'");
        assertThatThrownBy(() -> read("scms://rules/"))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("project segment after scms://rules/ is empty");
    }

    @Test
    @Order(4)
    void getsBothPrompts() {
        GetPromptResult start = server.client().getPrompt(GetPromptRequest.builder("session_start")
                .arguments(Map.of("task", "background jobs fail with database is locked")).build());
        List<String> texts = texts(start);
        assertThat(texts).hasSize(3);
        assertThat(texts.get(0)).contains("record_use").contains("retrieval_id");
        assertThat(texts.get(1)).contains("Run database migrations");
        assertThat(texts.get(2)).contains("busy_timeout");

        GetPromptResult review = server.client().getPrompt(GetPromptRequest.builder("failure_review")
                .arguments(Map.of("summary", "jobs hit database is locked")).build());
        assertThat(texts(review).get(0)).contains("log_failure").contains(project);

        assertThatThrownBy(() -> server.client().getPrompt(GetPromptRequest.builder("no_such_prompt").build()))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("Unknown prompt: no_such_prompt");
        assertThatThrownBy(() -> server.client().getPrompt(GetPromptRequest.builder("session_start")
                .arguments(Map.of("topic", "x")).build()))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("'topic'");
    }

    @Test
    @Order(5)
    void endedSessionLeavesOneSummaryRow() throws Exception {
        server.close();
        server = null;

        SessionRow row = awaitSessionRow(home.resolve("scms.db"));

        assertThat(row.count()).isEqualTo(1);
        assertThat(row.project()).isEqualTo(project);
        assertThat(row.retrievals()).isEqualTo(1);
        assertThat(row.clientName()).isNotEmpty();
    }

    private record SessionRow(int count, String project, int retrievals, String clientName) {
    }

    /** Waits for the server process to store its session row, which it does as it exits. */
    private static SessionRow awaitSessionRow(Path database) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) OVER (), project, retrievals, "
                            + "client_name FROM sessions")) {
                if (rows.next()) {
                    return new SessionRow(rows.getInt(1), rows.getString(2), rows.getInt(3), rows.getString(4));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no session row in " + database + " 30 s after the client closed");
            }
            Thread.sleep(100);
        }
    }

    private TextResourceContents read(String uri) {
        return (TextResourceContents) server.client().readResource(ReadResourceRequest.builder(uri).build())
                .contents().get(0);
    }

    private static List<String> texts(GetPromptResult result) {
        return result.messages().stream().map(message -> ((McpSchema.TextContent) message.content()).text()).toList();
    }
}

package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.model.Kind;
import dev.scms.model.Memory;
import dev.scms.model.Outcome;
import dev.scms.promotion.StaticPolicy;
import dev.scms.store.RetrievalRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets in fields other than a memory's text are redacted before storage too. */
class StoredSecretsTest {

    private static final String TOKEN = "ghp_0123456789abcdefghijABCDEFGHIJklmnop";
    private static final String PATTERN = "Rotate deploy credentials after every incident review.";

    @TempDir
    Path temp;

    private ScmsHarness harness;

    @BeforeEach
    void setUp() {
        harness = ScmsHarness.open(temp, StaticPolicy.defaults(), Map.of());
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void promoteRedactsRuleWording() {
        long id = harness.remember(PATTERN, Kind.PATTERN, Optional.empty()).memory().id();

        PromoteResult result = harness.scms.promote(new PromoteRequest(id, Optional.of("acme"),
                Optional.of("Always rotate " + TOKEN + " after a leak"), true, Optional.of("tester")),
                harness.context);

        assertThat(result.rule().title()).doesNotContain(TOKEN).contains("[REDACTED:github_token]");
        assertThat(result.rule().body()).doesNotContain(TOKEN).contains("[REDACTED:github_token]");
        assertThat(result.redacted()).isEqualTo(Map.of("github_token", 1));
    }

    @Test
    void rememberRedactsTagsAndDomain() {
        WriteResult result = harness.scms.remember(new RememberRequest(PATTERN, Optional.empty(), Kind.PATTERN,
                Optional.empty(), "deploy " + TOKEN, List.of("ci", "password=hunter22"), 0.5, Map.of(),
                Optional.empty(), Optional.empty()), harness.context);

        Memory stored = harness.find(result.memory().id());
        assertThat(stored.domain()).isEqualTo("deploy [REDACTED:github_token]");
        assertThat(stored.tags()).containsExactly("ci", "password=[REDACTED:password]");
        assertThat(result.redacted()).isEqualTo(Map.of("github_token", 1, "password", 1));
    }

    @Test
    void logFailureRedactsTagsAndDomain() {
        WriteResult result = harness.scms.logFailure(new FailureRequest(Kind.BUG_PATTERN, "Deploy failed",
                Optional.of("push rejected"), Optional.empty(), Optional.empty(), Optional.of("acme"),
                "token=0a1b2c3d4e5f", List.of(TOKEN), true), harness.context, ScmsHarness.SESSION);

        Memory stored = harness.find(result.memory().id());
        assertThat(stored.domain()).isEqualTo("token=[REDACTED:token]");
        assertThat(stored.tags()).containsExactly("[REDACTED:github_token]");
        assertThat(result.redacted()).isEqualTo(Map.of("github_token", 1, "token", 1));
    }

    @Test
    void recordUseRedactsNote() throws SQLException {
        long id = harness.remember(PATTERN, Kind.PATTERN, Optional.empty()).memory().id();

        UseResult result = harness.scms.recordUse(new UseRequest(id, Outcome.HELPFUL, Optional.empty(),
                Optional.of("alice"), Optional.of("acme"), "worked with " + TOKEN, ScmsHarness.SESSION),
                harness.context);

        assertThat(storedNotes()).containsExactly("worked with [REDACTED:github_token]");
        assertThat(result.redacted()).isEqualTo(Map.of("github_token", 1));
    }

    @Test
    void retrievalLogRedactsQuery() {
        harness.remember(PATTERN, Kind.PATTERN, Optional.empty());

        harness.retrieve("rotate deploy credentials " + TOKEN, "acme");

        List<RetrievalRecord> logged = harness.store.recentRetrievals(1, Optional.empty());
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).query()).isEqualTo("rotate deploy credentials [REDACTED:github_token]");
    }

    private List<String> storedNotes() throws SQLException {
        String url = "jdbc:sqlite:" + harness.store.location();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT note FROM uses ORDER BY id")) {
            List<String> notes = new ArrayList<>();
            while (rows.next()) {
                notes.add(rows.getString(1));
            }
            return notes;
        }
    }
}

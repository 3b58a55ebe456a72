package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.model.Kind;
import dev.scms.model.Memory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretStorageTest extends HarnessTest {

    private static final String GITHUB_TOKEN = "ghp_0123456789abcdefghijABCDEFGHIJklmnop";
    private static final String PASSWORD = "hunter22";

    private static String stored(Memory memory) {
        return memory.title() + "\n" + memory.body() + "\n" + memory.details();
    }

    @Test
    void rememberStoresNoSecret() {
        WriteResult result = harness.scms.remember(new RememberRequest("Clone with " + GITHUB_TOKEN
                + " and log in with password=" + PASSWORD + ".", Optional.of("Deploy token " + GITHUB_TOKEN),
                Kind.PATTERN, Optional.empty(), "", List.of(), 0.5, Map.of(), Optional.empty(), Optional.empty()),
                harness.context);

        String stored = stored(harness.find(result.memory().id()));
        assertThat(stored).doesNotContain(GITHUB_TOKEN).doesNotContain(PASSWORD);
        assertThat(stored).contains("[REDACTED:github_token]").contains("password=[REDACTED:password]");
        assertThat(result.redacted()).containsExactly(Map.entry("github_token", 2), Map.entry("password", 1));
    }

    @Test
    void logFailureStoresNoSecret() {
        WriteResult result = harness.logFailure(Kind.BUG_PATTERN, "Login fails with password=" + PASSWORD,
                "401 for token " + GITHUB_TOKEN, "The token expired", "Rotate " + GITHUB_TOKEN, "acme");

        String stored = stored(harness.find(result.memory().id()));
        assertThat(stored).doesNotContain(GITHUB_TOKEN).doesNotContain(PASSWORD);
        assertThat(result.redacted()).containsExactly(Map.entry("github_token", 2), Map.entry("password", 1));
    }

    @Test
    void duplicateReportsRedaction() {
        String text = "Connect with postgres://app:" + PASSWORD + "@db.example.com/shop inside one transaction.";
        harness.remember(text, Kind.PATTERN, Optional.empty());

        WriteResult again = harness.remember(text, Kind.PATTERN, Optional.empty());

        assertThat(again.status()).isEqualTo(WriteResult.DUPLICATE);
        assertThat(again.redacted()).isEqualTo(Map.of("connection_password", 1));
    }

    @Test
    void plainTextRedactsNothing() {
        WriteResult result = harness.remember("Run migrations inside one transaction.", Kind.PATTERN,
                Optional.empty());

        assertThat(result.redacted()).isEmpty();
    }
}

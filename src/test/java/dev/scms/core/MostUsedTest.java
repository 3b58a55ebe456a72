package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.model.Kind;
import dev.scms.model.Outcome;
import dev.scms.model.ProjectKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MostUsedTest extends HarnessTest {

    private static final ProjectKey ACME = new ProjectKey("acme");

    @Test
    void ranksByHelpfulUses() {
        long once = remember("Enable WAL journal mode in SQLite.");
        long twice = remember("Prefer CSS grid over floats for page layout.");
        long never = remember("Pin the Gradle wrapper version.");
        harness.use(once, "ann", "acme");
        harness.use(twice, "ann", "acme");
        harness.use(twice, "bob", "acme");

        RetrieveResult result = harness.scms.mostUsed(ACME, 5, 2000, "s");

        assertThat(ScmsHarness.ids(result.memories())).containsExactly(twice, once);
        assertThat(ScmsHarness.ids(result.memories())).doesNotContain(never);
        assertThat(result.mode()).isEqualTo("usage");
        assertThat(result.notice()).isPresent();
        assertThat(result.memories().get(0).breakdown().use()).isEqualTo(1.0);
    }

    @Test
    void leavesOutRulesAndOtherProjects() {
        long rule = harness.remember("Run migrations before deploys.", Kind.RULE, Optional.of("acme")).memory().id();
        long elsewhere = harness.remember("Use the blue theme.", Kind.PATTERN, Optional.of("other")).memory().id();
        harness.use(rule, "ann", "acme");
        harness.use(elsewhere, "ann", "other");

        RetrieveResult result = harness.scms.mostUsed(ACME, 5, 2000, "s");

        assertThat(result.returned()).isZero();
    }

    @Test
    void isLoggedAsRetrievalNotUse() {
        long id = remember("Enable WAL journal mode in SQLite.");
        harness.use(id, "ann", "acme");
        int helpfulBefore = harness.find(id).helpfulCount();

        RetrieveResult result = harness.scms.mostUsed(ACME, 5, 2000, "s");

        assertThat(harness.store.findRetrieval(result.retrievalId().orElseThrow())).hasValueSatisfying(logged -> {
            assertThat(logged.returnedIds()).containsExactly(id);
            assertThat(logged.session()).isEqualTo("s");
            assertThat(logged.query()).isEqualTo(MostUsed.QUERY);
        });
        assertThat(harness.find(id).helpfulCount()).isEqualTo(helpfulBefore);
        assertThat(harness.find(id).retrievalCount()).isEqualTo(1);
        assertThat(harness.scms.session("s").retrievals()).isEqualTo(1);
    }

    @Test
    void returnsAtMostK() {
        for (int i = 0; i < 4; i++) {
            harness.use(remember("Lesson number " + i + " about caching."), "ann", "acme", Outcome.HELPFUL);
        }

        assertThat(harness.scms.mostUsed(ACME, 2, 2000, "s").memories()).hasSize(2);
    }

    private long remember(String text) {
        return harness.remember(text, Kind.PATTERN, Optional.empty()).memory().id();
    }
}

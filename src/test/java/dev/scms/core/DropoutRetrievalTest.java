package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.model.Kind;
import dev.scms.promotion.StaticPolicy;
import dev.scms.router.Dropout;
import dev.scms.store.RetrievalRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropoutRetrievalTest {

    private static final String QUERY = "sqlite wal journal mode readers writer";

    @TempDir
    Path temp;

    private ScmsHarness harness;

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** Stores four WAL tips and returns their ids. The second one gets three helpful uses. */
    private List<Long> walTipsWithOneUsed() {
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            ids.add(harness.remember("SQLite WAL journal mode tip number " + i + " for readers and the writer.",
                    Kind.PATTERN, Optional.empty()).memory().id());
        }
        for (int i = 0; i < 3; i++) {
            harness.use(ids.get(1), "alice", "acme");
        }
        return ids;
    }

    @Test
    void alwaysDropoutSwapsMostUsedForNext() {
        harness = ScmsHarness.open(temp, StaticPolicy.defaults(), Map.of("dropout", "1"));
        List<Long> ids = walTipsWithOneUsed();
        long mostUsed = ids.get(1);
        int retrievalsBefore = harness.find(mostUsed).retrievalCount();

        RetrieveResult result = harness.retrieve(QUERY, "acme", 2, 2000);

        assertThat(result.dropout()).isPresent();
        Dropout.Choice choice = result.dropout().orElseThrow();
        assertThat(choice.droppedId()).isEqualTo(mostUsed);
        assertThat(ScmsHarness.ids(result.memories())).hasSize(2);
        assertThat(ScmsHarness.ids(result.memories())).doesNotContain(mostUsed);
        assertThat(ScmsHarness.ids(result.memories())).contains(choice.replacementId());
        assertThat(result.passedGate()).isEqualTo(4);
        RetrievalRecord logged = harness.store.findRetrieval(result.retrievalId().orElseThrow()).orElseThrow();
        assertThat(logged.returnedIds()).doesNotContain(mostUsed);
        assertThat(harness.find(mostUsed).retrievalCount()).isEqualTo(retrievalsBefore);
        assertThat(harness.find(mostUsed).helpfulCount()).isEqualTo(3);
    }

    @Test
    void noDropoutByDefault() {
        harness = ScmsHarness.open(temp, StaticPolicy.defaults(), Map.of());
        List<Long> ids = walTipsWithOneUsed();

        RetrieveResult result = harness.retrieve(QUERY, "acme", 2, 2000);

        assertThat(result.dropout()).isEmpty();
        assertThat(ScmsHarness.ids(result.memories())).contains(ids.get(1));
    }

    @Test
    void dropoutNeedsReplacementCandidate() {
        harness = ScmsHarness.open(temp, StaticPolicy.defaults(), Map.of("dropout", "1"));
        List<Long> ids = walTipsWithOneUsed();

        RetrieveResult result = harness.retrieve(QUERY, "acme", 4, 2000);

        assertThat(result.dropout()).isEmpty();
        assertThat(ScmsHarness.ids(result.memories())).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void sameSeedRepeatsDecisions() {
        harness = ScmsHarness.open(temp.resolve("first"), StaticPolicy.defaults(),
                Map.of("dropout", "0.5", "dropout_seed", "7"));
        walTipsWithOneUsed();
        List<Boolean> first = dropoutSequence(12);
        harness.close();
        harness = ScmsHarness.open(temp.resolve("second"), StaticPolicy.defaults(),
                Map.of("dropout", "0.5", "dropout_seed", "7"));
        walTipsWithOneUsed();

        List<Boolean> second = dropoutSequence(12);

        assertThat(second).isEqualTo(first);
        assertThat(first).contains(true, false);
    }

    private List<Boolean> dropoutSequence(int retrievals) {
        List<Boolean> dropped = new ArrayList<>();
        for (int i = 0; i < retrievals; i++) {
            dropped.add(harness.retrieve(QUERY, "acme", 2, 2000).dropout().isPresent());
        }
        return dropped;
    }
}

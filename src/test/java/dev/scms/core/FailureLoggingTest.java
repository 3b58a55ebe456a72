package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.ProjectKey;
import dev.scms.promotion.StaticPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FailureLoggingTest extends HarnessTest {

    private static final String TITLE = "Connection pool exhausted under load";
    private static final String SYMPTOM = "Requests hang after a few minutes when every pooled connection is busy";
    private static final String CAUSE = "A result set was never closed in the report export job";
    private static final String FIX = "Close result sets and statements with try-with-resources";

    private WriteResult logPoolFailure(String symptom) {
        return harness.logFailure(Kind.BUG_PATTERN, TITLE, symptom, CAUSE, FIX, "acme");
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"BUG_PATTERN", "ANTI_PATTERN", "FAILED_APPROACH"})
    void generalFailureStoredGlobalInL0(Kind kind) {
        Memory memory = harness.logFailure(kind, TITLE, SYMPTOM, CAUSE, FIX, "acme").memory();

        assertThat(memory.layer()).isEqualTo(Layer.L0);
        assertThat(memory.project()).isEmpty();
    }

    @Test
    void notGeneralizableFailureScopedToProject() {
        Memory memory = harness.logLocalFailure(Kind.BUG_PATTERN, TITLE, SYMPTOM, "acme").memory();

        assertThat(memory.layer()).isEqualTo(Layer.L0);
        assertThat(memory.project()).contains(new ProjectKey("acme"));
    }

    @Test
    void edgeCaseStoredInProjectL1() {
        Memory memory = harness.logFailure(Kind.EDGE_CASE, TITLE, SYMPTOM, CAUSE, FIX, "acme").memory();

        assertThat(memory.layer()).isEqualTo(Layer.L1);
        assertThat(memory.project()).contains(new ProjectKey("acme"));
    }

    @Test
    void failureDetailsKept() {
        Memory memory = logPoolFailure(SYMPTOM).memory();

        assertThat(memory.details()).containsEntry("symptom", SYMPTOM);
        assertThat(memory.details()).containsEntry("cause", CAUSE);
        assertThat(memory.details()).containsEntry("fix", FIX);
    }

    @Test
    void firstLogIsStored() {
        assertThat(logPoolFailure(SYMPTOM).status()).isEqualTo(WriteResult.STORED);
    }

    @Test
    void identicalFailureRediscovered() {
        WriteResult first = logPoolFailure(SYMPTOM);
        harness.clock.advance(Duration.ofDays(3));

        WriteResult second = logPoolFailure(SYMPTOM);

        assertThat(second.status()).isEqualTo(WriteResult.REDISCOVERED);
        assertThat(second.memory().id()).isEqualTo(first.memory().id());
        assertThat(second.memory().occurrences()).isEqualTo(2);
        assertThat(second.memory().createdAt()).isEqualTo(ScmsHarness.START);
        assertThat(harness.store.counts(Optional.empty()).active()).isEqualTo(1);
    }

    @Test
    void rewordedFailureRediscovered() {
        String reworded = "Requests hang after a few minutes once every pooled connection is busy";
        WriteResult first = logPoolFailure(SYMPTOM);

        WriteResult second = logPoolFailure(reworded);

        assertThat(second.status()).isEqualTo(WriteResult.REDISCOVERED);
        assertThat(second.memory().id()).isEqualTo(first.memory().id());
        assertThat(second.memory().occurrences()).isEqualTo(2);
        assertThat(harness.store.counts(Optional.empty()).active()).isEqualTo(1);
    }

    @Test
    void thirdLogCountsThreeOccurrences() {
        logPoolFailure(SYMPTOM);
        logPoolFailure(SYMPTOM);

        assertThat(logPoolFailure(SYMPTOM).memory().occurrences()).isEqualTo(3);
    }

    @Test
    void otherKindNotMerged() {
        WriteResult bug = logPoolFailure(SYMPTOM);

        WriteResult antiPattern = harness.logFailure(Kind.ANTI_PATTERN, TITLE, SYMPTOM, CAUSE, FIX, "acme");

        assertThat(antiPattern.status()).isEqualTo(WriteResult.STORED);
        assertThat(antiPattern.memory().id()).isNotEqualTo(bug.memory().id());
    }

    @Test
    void unrelatedFailureStoredSeparately() {
        logPoolFailure(SYMPTOM);

        WriteResult other = harness.logFailure(Kind.BUG_PATTERN, "Timezone shifts dates in exports",
                "Dates move by one day in the CSV file", "The formatter used the default zone",
                "Format with an explicit UTC zone", "acme");

        assertThat(other.status()).isEqualTo(WriteResult.STORED);
    }

    @Test
    void retrievedFailureBecomesWarning() {
        long id = logPoolFailure(SYMPTOM).memory().id();

        RetrieveResult result = harness.retrieve("connection pool exhausted requests hang", "acme");

        assertThat(ScmsHarness.ids(result.memories())).contains(id);
        assertThat(result.warnings()).anySatisfy(warning -> assertThat(warning).contains("Known pitfall")
                .contains("memory " + id));
    }

    @Test
    void strictThresholdStoresRewordedFailure() {
        harness.close();
        harness = ScmsHarness.open(temp.resolve("strict"), StaticPolicy.defaults(),
                Map.of("duplicate_threshold", "0.999"));
        logPoolFailure(SYMPTOM);

        WriteResult second = logPoolFailure("Requests hang after a few minutes once every pooled connection is busy");

        assertThat(second.status()).isEqualTo(WriteResult.STORED);
    }
}

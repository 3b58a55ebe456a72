package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.ProjectKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RememberTest extends HarnessTest {

    private static final String TEXT = "Run schema migrations inside one transaction. A failed step then leaves no half state.";

    @Test
    void patternWithoutProjectIsGlobal() {
        WriteResult result = harness.remember(TEXT, Kind.PATTERN, Optional.empty());

        assertThat(result.status()).isEqualTo(WriteResult.STORED);
        assertThat(result.memory().layer()).isEqualTo(Layer.L0);
        assertThat(result.memory().project()).isEmpty();
    }

    @Test
    void patternWithProjectIsScoped() {
        Memory memory = harness.remember(TEXT, Kind.PATTERN, Optional.of("acme")).memory();

        assertThat(memory.layer()).isEqualTo(Layer.L0);
        assertThat(memory.project()).contains(new ProjectKey("acme"));
    }

    @Test
    void ruleGoesToProjectL1() {
        Memory memory = harness.remember(TEXT, Kind.RULE, Optional.of("acme")).memory();

        assertThat(memory.layer()).isEqualTo(Layer.L1);
        assertThat(memory.project()).contains(new ProjectKey("acme"));
    }

    @Test
    void ruleWithoutProjectUsesWorkingFolder() throws Exception {
        Memory memory = harness.remember(TEXT, Kind.RULE, Optional.empty()).memory();

        assertThat(memory.project()).contains(new ProjectKey(temp.toRealPath().toString()));
    }

    @Test
    void titleDerivedFromFirstSentence() {
        Memory memory = harness.remember(TEXT, Kind.PATTERN, Optional.empty()).memory();

        assertThat(memory.title()).isEqualTo("Run schema migrations inside one transaction");
    }

    @Test
    void identicalTextIsDuplicate() {
        WriteResult first = harness.remember(TEXT, Kind.PATTERN, Optional.empty());

        WriteResult second = harness.remember(TEXT, Kind.PATTERN, Optional.empty());

        assertThat(second.status()).isEqualTo(WriteResult.DUPLICATE);
        assertThat(second.memory().id()).isEqualTo(first.memory().id());
        assertThat(harness.store.counts(Optional.empty()).active()).isEqualTo(1);
    }

    @Test
    void caseAndSpacingChangeIsDuplicate() {
        WriteResult first = harness.remember(TEXT, Kind.PATTERN, Optional.empty());

        WriteResult second = harness.remember("  " + TEXT.toUpperCase(java.util.Locale.ROOT).replace(" ", "   "),
                Kind.PATTERN, Optional.empty());

        assertThat(second.status()).isEqualTo(WriteResult.DUPLICATE);
        assertThat(second.memory().id()).isEqualTo(first.memory().id());
    }

    @Test
    void sameTextInOtherProjectStored() {
        harness.remember(TEXT, Kind.RULE, Optional.of("acme"));

        WriteResult other = harness.remember(TEXT, Kind.RULE, Optional.of("globex"));

        assertThat(other.status()).isEqualTo(WriteResult.STORED);
    }
}

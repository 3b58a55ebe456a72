package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.Outcome;
import dev.scms.model.ProjectKey;
import dev.scms.promotion.StaticPolicy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromotionFlowTest {

    private static final String PATTERN = "Set a busy timeout on every SQLite connection so concurrent writers wait"
            + " for the lock instead of failing.";
    private static final String QUERY = "sqlite connection busy timeout concurrent writers";

    @TempDir
    Path temp;

    private ScmsHarness harness;
    private long patternId;

    @BeforeEach
    void setUp() {
        harness = ScmsHarness.open(temp, StaticPolicy.defaults(), Map.of());
        patternId = harness.remember(PATTERN, Kind.PATTERN, Optional.empty()).memory().id();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void retrievalNeverCountsAsUse() {
        for (int i = 0; i < 3; i++) {
            assertThat(ScmsHarness.ids(harness.retrieve(QUERY, "acme").memories())).contains(patternId);
        }

        Memory memory = harness.find(patternId);

        assertThat(memory.helpfulCount()).isZero();
        assertThat(memory.lastUsedAt()).isEmpty();
        assertThat(memory.retrievalCount()).isEqualTo(3);
    }

    @Test
    void helpfulUseRaisesHelpfulCount() {
        UseResult result = harness.use(patternId, "alice", "acme");

        assertThat(result.memory().helpfulCount()).isEqualTo(1);
        assertThat(result.memory().lastUsedAt()).contains(ScmsHarness.START);
    }

    @Test
    void unhelpfulUseRaisesUnhelpfulCount() {
        UseResult result = harness.use(patternId, "alice", "acme", Outcome.NOT_HELPFUL);

        assertThat(result.memory().unhelpfulCount()).isEqualTo(1);
        assertThat(result.memory().helpfulCount()).isZero();
    }

    @Test
    void firstHelpfulUseNotEligible() {
        UseResult result = harness.use(patternId, "alice", "acme");

        assertThat(result.justEligible()).isFalse();
        assertThat(result.eligibility().orElseThrow().eligible()).isFalse();
    }

    @Test
    void eligibleAfterTwoHelpfulUses() {
        harness.use(patternId, "alice", "acme");

        UseResult second = harness.use(patternId, "alice", "acme");

        assertThat(second.justEligible()).isTrue();
        assertThat(second.eligibility().orElseThrow().eligible()).isTrue();
        assertThat(second.promotion()).isEmpty();
    }

    @Test
    void thirdUseNotJustEligible() {
        harness.use(patternId, "alice", "acme");
        harness.use(patternId, "alice", "acme");

        assertThat(harness.use(patternId, "alice", "acme").justEligible()).isFalse();
    }

    @Test
    void unhelpfulUsesDoNotMakeEligible() {
        harness.use(patternId, "alice", "acme", Outcome.NOT_HELPFUL);

        assertThat(harness.use(patternId, "alice", "acme", Outcome.NOT_HELPFUL).justEligible()).isFalse();
    }

    @Test
    void usesInOtherProjectDoNotCount() {
        harness.use(patternId, "alice", "globex");

        assertThat(harness.use(patternId, "alice", "acme").justEligible()).isFalse();
    }

    @Test
    void promoteBeforeEligibilityRejected() {
        harness.use(patternId, "alice", "acme");

        assertThatThrownBy(() -> harness.promote(patternId, "acme", false))
                .isInstanceOf(NotEligibleException.class)
                .hasMessageContaining("memory " + patternId)
                .hasMessageContaining("it has 1 helpful use by 1 user")
                .hasMessageContaining("needs 2 helpful uses")
                .hasMessageContaining("so it needs 1 more helpful use.")
                .hasMessageContaining("force=true");
    }

    @Test
    void forcedPromotionRecordedAsForced() {
        PromoteResult result = harness.promote(patternId, "acme", true);

        assertThat(result.alreadyPromoted()).isFalse();
        assertThat(result.promotion().policy()).isEqualTo("static+force");
        assertThat(result.promotion().evidence()).containsEntry("forced", true);
    }

    @Test
    void promotionCreatesProjectRule() {
        harness.use(patternId, "alice", "acme");
        harness.use(patternId, "alice", "acme");

        PromoteResult result = harness.promote(patternId, "acme", false);

        assertThat(result.rule().layer()).isEqualTo(Layer.L1);
        assertThat(result.rule().kind()).isEqualTo(Kind.RULE);
        assertThat(result.rule().project()).contains(new ProjectKey("acme"));
        assertThat(((Number) result.rule().details().get("promoted_from")).longValue()).isEqualTo(patternId);
        assertThat(result.promotion().policy()).isEqualTo("static");
        assertThat(result.promotion().patternId()).isEqualTo(patternId);
        assertThat(result.promotion().evidence()).containsEntry("forced", false);
    }

    @Test
    void promoteTwiceReturnsEarlierRule() {
        PromoteResult first = harness.promote(patternId, "acme", true);

        PromoteResult second = harness.promote(patternId, "acme", true);

        assertThat(second.alreadyPromoted()).isTrue();
        assertThat(second.rule().id()).isEqualTo(first.rule().id());
    }

    @Test
    void promotedRuleReturnedForItsProject() {
        long ruleId = harness.promote(patternId, "acme", true).rule().id();

        RetrieveResult result = harness.retrieve(QUERY, "acme");

        assertThat(ScmsHarness.ids(result.rules())).containsExactly(ruleId);
    }

    @Test
    void promotedRuleNotReturnedForOtherProject() {
        long ruleId = harness.promote(patternId, "acme", true).rule().id();

        RetrieveResult result = harness.retrieve(QUERY, "globex");

        assertThat(ScmsHarness.ids(result.rules())).doesNotContain(ruleId);
        assertThat(ScmsHarness.ids(result.memories())).doesNotContain(ruleId);
    }

    @Test
    void ruleCannotBePromoted() {
        long ruleId = harness.promote(patternId, "acme", true).rule().id();

        assertThatThrownBy(() -> harness.promote(ruleId, "acme", true))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("memory_id");
    }

    @Test
    void autoPromoteOnUseThatMakesEligible() {
        harness.close();
        harness = ScmsHarness.open(temp.resolve("auto"), StaticPolicy.defaults(), Map.of("auto_promote", "true"));
        long id = harness.remember(PATTERN, Kind.PATTERN, Optional.empty()).memory().id();
        UseResult first = harness.use(id, "alice", "acme");

        UseResult second = harness.use(id, "alice", "acme");

        assertThat(first.promotion()).isEmpty();
        assertThat(second.promotion()).isPresent();
        assertThat(second.promotion().orElseThrow().rule().layer()).isEqualTo(Layer.L1);
        assertThat(second.promotion().orElseThrow().rule().project()).contains(new ProjectKey("acme"));
    }

    @Test
    void useAfterPromotionNamesExistingRule() {
        long ruleId = harness.promote(patternId, "acme", true).rule().id();

        UseResult result = harness.use(patternId, "alice", "acme");

        assertThat(result.existingRule()).contains(ruleId);
    }

    @Test
    void useInOtherProjectHasNoExistingRule() {
        harness.promote(patternId, "acme", true);

        UseResult result = harness.use(patternId, "alice", "beta");

        assertThat(result.existingRule()).isEmpty();
    }

    @Test
    void autoPromoteSkipsPromotedPattern() {
        harness.close();
        harness = ScmsHarness.open(temp.resolve("auto"), StaticPolicy.defaults(), Map.of("auto_promote", "true"));
        long id = harness.remember(PATTERN, Kind.PATTERN, Optional.empty()).memory().id();
        long ruleId = harness.promote(id, "acme", true).rule().id();
        harness.use(id, "alice", "acme");

        UseResult second = harness.use(id, "alice", "acme");

        assertThat(second.promotion()).isEmpty();
        assertThat(second.existingRule()).contains(ruleId);
        assertThat(harness.store.promotionsOf(id)).hasSize(1);
    }
}

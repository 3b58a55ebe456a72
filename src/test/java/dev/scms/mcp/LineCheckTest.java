package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineCheckTest {

    private LineCheck check;

    @BeforeEach
    void initialize() {
        check = new LineCheck();
        assertThat(check.check("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{}}").forward())
                .isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"jsonrpc\":\"2.0\"}", "{\"id\":5}", "{\"jsonrpc\":\"2.0\",\"id\":null,"
            + "\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}", "[1,2]", "42", "not json"})
    void neverForwardsWhatTheSdkCannotRead(String line) {
        assertThat(check.check(line).forward()).isEmpty();
    }

    @Test
    void answersWrongVersionWithInvalidRequest() {
        LineCheck.Verdict verdict = check.check("{\"jsonrpc\":\"1.0\",\"id\":\"a\",\"method\":\"ping\"}");

        assertThat(verdict.reply()).hasValueSatisfying(reply -> assertThat(reply).contains("\"id\":\"a\"")
                .contains("-32600"));
    }

    @Test
    void unreadableLineRepliesToIdAtItsStart() {
        String line = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"text\":\"" + "b".repeat(9_000);

        assertThat(check.unreadable(line, LineCheck.INVALID_REQUEST, "too long").reply())
                .hasValueSatisfying(reply -> assertThat(reply).contains("\"id\":7").contains("-32600"));
    }

    @Test
    void unreadableLineRepliesToIdAtItsEnd() {
        String line = "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"text\":\"" + "b".repeat(9_000)
                + "\"}},\"id\":\"last\"}";

        assertThat(check.unreadable(line, LineCheck.INVALID_REQUEST, "too long").reply())
                .hasValueSatisfying(reply -> assertThat(reply).contains("\"id\":\"last\"").contains("-32600"));
    }

    @Test
    void answersMissingMethodWithInvalidRequest() {
        assertThat(check.check("{\"jsonrpc\":\"2.0\",\"id\":\"nm\"}").reply()).hasValueSatisfying(
                reply -> assertThat(reply).contains("-32600").contains("\"id\":\"nm\""));
    }

    @Test
    void rejectsToolCallWithoutInitialize() {
        LineCheck fresh = new LineCheck();

        LineCheck.Verdict verdict = fresh.check("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"memory_stats\"}}");

        assertThat(verdict.forward()).isEmpty();
        assertThat(verdict.reply()).hasValueSatisfying(reply -> assertThat(reply).contains("initialize"));
    }

    @Test
    void rejectsNonObjectToolArguments() {
        LineCheck.Verdict verdict = check.check("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"remember\",\"arguments\":[1]}}");

        assertThat(verdict.reply()).hasValueSatisfying(reply -> assertThat(reply).contains("-32602")
                .contains("arguments"));
    }

    @Test
    void rejectsToolCallWithoutParams() {
        assertThat(check.check("{\"jsonrpc\":\"2.0\",\"id\":\"tc\",\"method\":\"tools/call\"}").reply())
                .hasValueSatisfying(reply -> assertThat(reply).contains("-32602"));
    }

    @Test
    void decodesArgumentsSentAsJsonString() {
        LineCheck.Verdict verdict = check.check("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"remember\",\"arguments\":\"{\\\"text\\\":\\\"x\\\"}\"}}");

        assertThat(verdict.repaired()).isTrue();
        assertThat(verdict.forward()).hasValueSatisfying(message -> assertThat(message.at("/params/arguments/text")
                .asText()).isEqualTo("x"));
    }

    @Test
    void readsIdOfUnparsableLine() {
        LineCheck.Verdict verdict = check.check("{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"ping\",");

        assertThat(verdict.reply()).hasValueSatisfying(reply -> assertThat(reply).contains("\"id\":12")
                .contains("-32700"));
    }

    @Test
    void passesResponsesFromTheClient() {
        assertThat(check.check("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{}}").forward()).isPresent();
    }

    @Test
    void answersIdBeyondSixtyFourBits() {
        LineCheck.Verdict verdict = check.check("{\"jsonrpc\":\"2.0\",\"id\":12345678901234567890,\"method\":\"ping\"}");

        assertThat(verdict.forward()).isEmpty();
        assertThat(verdict.reply()).hasValueSatisfying(reply -> assertThat(reply).contains("-32600"));
    }

    @Test
    void requestBeforeInitializedForwardsNotificationFirst() {
        LineCheck.Verdict first = check.check("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
        LineCheck.Verdict second = check.check("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");

        assertThat(first.forward()).isPresent();
        assertThat(first.initializedFirst()).isTrue();
        assertThat(second.initializedFirst()).isFalse();
    }

    @Test
    void requestAfterInitializedForwardedAlone() {
        check.check("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

        LineCheck.Verdict verdict = check.check("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");

        assertThat(verdict.forward()).isPresent();
        assertThat(verdict.initializedFirst()).isFalse();
    }

    @Test
    void answersPingBeforeInitialized() {
        LineCheck.Verdict verdict = check.check("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");

        assertThat(verdict.forward()).isEmpty();
        assertThat(verdict.reply()).contains("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}");
    }

    @Test
    void answersPingBeforeInitialize() {
        LineCheck.Verdict verdict = new LineCheck().check("{\"jsonrpc\":\"2.0\",\"id\":\"p0\",\"method\":\"ping\"}");

        assertThat(verdict.forward()).isEmpty();
        assertThat(verdict.reply()).contains("{\"jsonrpc\":\"2.0\",\"id\":\"p0\",\"result\":{}}");
    }

    @Test
    void answersEveryRequestOfABatch() {
        LineCheck.Verdict verdict = check.check("[{\"jsonrpc\":\"2.0\",\"id\":\"b1\",\"method\":\"ping\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":\"b2\",\"method\":\"ping\"}]");

        assertThat(verdict.reply()).hasValueSatisfying(reply -> assertThat(reply.split("\n")).hasSize(2));
    }

    @Test
    void rejectsInitializeWithoutParams() {
        LineCheck.Verdict verdict = new LineCheck().check("{\"jsonrpc\":\"2.0\",\"id\":\"i\",\"method\":\"initialize\"}");

        assertThat(verdict.reply()).hasValueSatisfying(reply -> assertThat(reply).contains("-32602"));
    }

    @Test
    void parseErrorHidesParserInternals() {
        LineCheck.Verdict verdict = check.check("{\"jsonrpc\":\"2.0\",\"id\":8,\"k\":NaN}");

        assertThat(verdict.reply()).hasValueSatisfying(reply -> assertThat(reply).contains("not valid JSON")
                .doesNotContain("JsonReadFeature"));
    }

    @Test
    void unknownToolIsNamedInTheError() {
        LineCheck known = new LineCheck(java.util.Set.of("remember", "forget"));
        known.check("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{}}");

        LineCheck.Verdict verdict = known.check("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"no_such_tool\"}}");

        assertThat(verdict.reply()).hasValueSatisfying(reply -> assertThat(reply).contains("Unknown tool: 'no_such_tool'")
                .contains("forget, remember"));
    }

    @Test
    void unknownPromptIsNamedInTheError() {
        LineCheck known = new LineCheck(java.util.Set.of("remember"), java.util.Set.of("session_start",
                "failure_review"));
        known.check("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{}}");

        LineCheck.Verdict unknown = known.check("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\","
                + "\"params\":{\"name\":\"no_such_prompt\"}}");
        LineCheck.Verdict listed = known.check("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"prompts/get\","
                + "\"params\":{\"name\":\"session_start\"}}");

        assertThat(unknown.reply()).hasValueSatisfying(reply -> assertThat(reply)
                .contains("Unknown prompt: no_such_prompt").contains("failure_review, session_start"));
        assertThat(listed.forward()).isPresent();
    }
}

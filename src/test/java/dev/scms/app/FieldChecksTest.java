package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Import checks of field values: every invalid value is rejected with its line, field, value and expected form. */
class FieldChecksTest {

    private final JsonLines lines = new JsonLines();

    private void assertRejected(String fields, String expected) {
        assertThatThrownBy(() -> lines.parse("{\"text\": \"x\", \"kind\": \"pattern\", " + fields + "}", 4, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"importance\": \"high\"|line 4: 'importance' must be a number from 0 to 1, got \"high\"",
        "\"importance\": 7|line 4: 'importance' must be a number from 0 to 1, got 7",
        "\"importance\": -0.1|line 4: 'importance' must be a number from 0 to 1, got -0.1",
        "\"importance\": true|line 4: 'importance' must be a number from 0 to 1, got true",
        "\"scope\": \"team\"|line 4: 'scope' must be \"project\" or \"global\", got \"team\"",
        "\"status\": \"deleted\"|line 4: 'status' must be \"active\" or \"archived\", got \"deleted\"",
        "\"layer\": \"L7\"|line 4: 'layer' must be \"L0\" or \"L1\", got \"L7\"",
        "\"title\": [\"a\"]|line 4: 'title' must be a string, got [\"a\"]",
        "\"domain\": 12|line 4: 'domain' must be a string, got 12",
        "\"source\": {\"url\": 1}|line 4: 'source' must be a string, got {\"url\":1}",
        "\"id\": 1.5|line 4: 'id' must be a string or a whole number, got 1.5",
        "\"id\": false|line 4: 'id' must be a string or a whole number, got false",
        "\"tags\": [\"a\", 5]|line 4: 'tags' must be a list of strings or one comma-separated string, got [\"a\",5]",
        "\"tags\": 5|line 4: 'tags' must be a list of strings or one comma-separated string, got 5",
        "\"date\": 20240101|line 4: 'date' must be a string, got 20240101"
    })
    void invalidValueRejected(String fields, String expected) {
        assertRejected(fields, expected);
    }

    @Test
    void nonStringTextRejected() {
        assertThatThrownBy(() -> lines.parse("{\"text\": 5, \"kind\": \"pattern\"}", 2, false))
                .hasMessage("line 2: 'text' must be a string, got 5");
    }

    @Test
    void projectScopeWithoutProjectRejected() {
        assertRejected("\"scope\": \"project\"", "line 4: 'scope' is \"project\" but 'project' is missing; add the "
                + "project folder or name, or set 'scope' to \"global\"");
        assertRejected("\"scope\": \"project\", \"project\": \" \"", "line 4: 'scope' is \"project\" but 'project' "
                + "is missing; add the project folder or name, or set 'scope' to \"global\"");
    }

    @Test
    void keyGivenTwiceRejected() {
        assertThatThrownBy(() -> lines.parse("{\"text\": \"x\", \"kind\": \"pattern\", \"kind\": \"rule\"}", 3, false))
                .hasMessage("line 3: field 'kind' appears twice; keep one");
    }

    @Test
    void shownValueEscapedAndCut() {
        String value = "\\u001b[2J" + "x".repeat(200) + "\\u2028";

        assertThatThrownBy(() -> lines.parse("{\"text\": \"x\", \"kind\": \"" + value + "\"}", 1, false))
                .hasMessageStartingWith("line 1: unknown kind \"\\u001B[2Jxxx")
                .hasMessageContaining("…; expected one of")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b", "x".repeat(60)));
    }

    @Test
    void byteOrderMarkInsideFileEscaped() {
        assertThatThrownBy(() -> lines.parse("\uFEFF{\"text\": \"x\", \"kind\": \"pattern\"}", 5, false))
                .hasMessageStartingWith("line 5: not valid JSON (Unexpected character ('\\ufeff'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\uFEFF"));
    }

    @Test
    void escapedShowsHiddenCharacters() {
        assertThat(FieldChecks.escaped("a\u0085b\u200fc\u007f")).isEqualTo("a\\u0085b\\u200fc\\u007f");
    }

    @Test
    void validValuesAccepted() {
        String line = "{\"text\": \"x\", \"kind\": \"pattern\", \"id\": 17, \"importance\": 1, \"scope\": \"global\","
                + " \"status\": \"active\", \"layer\": \"L0\", \"tags\": \"a, b\", \"title\": null}";

        assertThat(lines.parse(line, 1, false).externalId()).contains("17");
    }
}

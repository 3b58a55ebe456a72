package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownMemoriesTest {

    private final ObjectMapper json = new ObjectMapper();
    private final MarkdownMemories markdown = new MarkdownMemories();

    private ObjectNode memory(String title, String text) {
        ObjectNode node = json.createObjectNode();
        node.put("id", "scms-1");
        node.put("kind", "pattern");
        node.put("title", title);
        node.put("text", text);
        node.put("scope", "global");
        node.set("tags", json.createArrayNode().add("a b").add("c"));
        node.put("importance", 0.5);
        return node;
    }

    private List<MarkdownMemories.Entry> roundTrip(ObjectNode... memories) {
        StringBuilder document = new StringBuilder(MarkdownMemories.HEADER);
        for (ObjectNode memory : memories) {
            document.append(markdown.write(memory));
        }
        return markdown.read(document.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Plain sentence.",
        "## A heading inside the text\n\nand a paragraph",
        "```java\nint x = 1;\n```\nafter the fence",
        "````\nfour backticks\n````",
        "---\nfront: matter\n---",
        "- id: scms-99\n- kind: rule",
        "ünïcödé 日本語 🎉 and a zero\u200bwidth space",
        "",
        "\n\nleading and trailing blank lines\n\n",
        "windows\r\nline endings\r\n",
        "~~~\ntilde fence\n~~~",
        "   indented ```\n```   "
    })
    void textSurvivesRoundTrip(String text) {
        ObjectNode original = memory("Title", text);

        List<MarkdownMemories.Entry> entries = roundTrip(original);

        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).fields()).isEqualTo(original);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Use `x` ## not a heading #", " padded title ", "two\nlines", "[bracketed] title",
        "\"quoted\"", "123", "true", "null"})
    void titleSurvivesRoundTrip(String title) {
        ObjectNode original = memory(title, "text");

        assertThat(roundTrip(original).get(0).fields()).isEqualTo(original);
    }

    @Test
    void oddFieldNamesAndValuesSurvive() {
        ObjectNode original = memory("Title", "text");
        original.put("weird: key", "value");
        original.put("number_like", "2026");
        original.put("json_like", "[draft] note");
        original.put("spaced", " x ");
        original.put("empty", "");
        original.put("multi", "line one\nline two");
        original.set("nested", json.createObjectNode().put("severity", "high"));
        original.put("flag", true);

        assertThat(roundTrip(original).get(0).fields()).isEqualTo(original);
    }

    @Test
    void severalMemoriesKeepOrderAndLines() {
        List<MarkdownMemories.Entry> entries = roundTrip(memory("First", "one"), memory("Second", "two\n## three"));

        assertThat(entries).extracting(entry -> entry.fields().get("title").asText()).containsExactly("First",
                "Second");
        assertThat(entries.get(0).line()).isEqualTo(5);
        assertThat(entries.get(1).fields().get("text").asText()).isEqualTo("two\n## three");
    }

    @Test
    void windowsLineEndingsInFileAccepted() {
        String document = (MarkdownMemories.HEADER + markdown.write(memory("Title", "a\nb"))).replace("\n", "\r\n");

        assertThat(markdown.read(document).get(0).fields().get("text").asText()).isEqualTo("a\nb");
    }

    @Test
    void preambleBeforeFirstHeadingIgnored() {
        String document = "# My notes\n\nSome words.\n- not a field\n\n## Title\n\n- kind: rule\n\n```\nbody\n```\n";

        ObjectNode fields = markdown.read(document).get(0).fields();

        assertThat(fields.get("title").asText()).isEqualTo("Title");
        assertThat(fields.get("kind").asText()).isEqualTo("rule");
        assertThat(fields.get("text").asText()).isEqualTo("body");
    }

    @Test
    void emptyDocumentHasNoMemories() {
        assertThat(markdown.read("")).isEmpty();
        assertThat(markdown.read(MarkdownMemories.HEADER)).isEmpty();
    }

    @Test
    void unclosedFenceNamesItsLine() {
        assertThatThrownBy(() -> markdown.read("## T\n\n- kind: pattern\n\n```\nbody\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 5: the text block of the memory of line 1 is never closed");
    }

    @Test
    void missingTextBlockNamesItsLine() {
        assertThatThrownBy(() -> markdown.read("## T\n\n- kind: pattern\nbody without fence\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 4: expected the text of the memory of line 1 in a fenced block");
    }

    @Test
    void malformedFieldNamesItsLine() {
        assertThatThrownBy(() -> markdown.read("## T\n\n-kind pattern\n- kind pattern\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 3: expected the text");
        assertThatThrownBy(() -> markdown.read("## T\n\n- kind pattern\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 3: expected a field as '- name: value'");
    }

    @Test
    void invalidJsonValueNamesItsLine() {
        assertThatThrownBy(() -> markdown.read("## T\n\n- tags: [\"a\",\n\n```\nx\n```\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 3: '[\"a\",' is not valid JSON");
    }

    @Test
    void textAfterMemoryRejected() {
        assertThatThrownBy(() -> markdown.read("## T\n\n```\nx\n```\nstray words\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 6: unexpected text after the memory of line 1");
    }

    @Test
    void fenceIsLongerThanAnyBacktickRun() {
        String written = markdown.write(memory("T", "a ````` b"));

        assertThat(written).contains("\n``````\na ````` b\n``````\n");
    }
}

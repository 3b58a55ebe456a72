package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
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
        MarkdownMemories.Document read = markdown.read(document.toString());
        assertThat(read.errors()).isEmpty();
        return read.entries();
    }

    private List<String> errors(String document) {
        return markdown.read(document).errors().stream().map(MarkdownMemories.Problem::message).toList();
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

        assertThat(markdown.read(document).entries().get(0).fields().get("text").asText()).isEqualTo("a\nb");
    }

    @Test
    void preambleBeforeFirstHeadingIgnored() {
        String document = "# My notes\n\nSome words.\n- not a field\n\n## Title\n\n- kind: rule\n\n```\nbody\n```\n";

        ObjectNode fields = markdown.read(document).entries().get(0).fields();

        assertThat(fields.get("title").asText()).isEqualTo("Title");
        assertThat(fields.get("kind").asText()).isEqualTo("rule");
        assertThat(fields.get("text").asText()).isEqualTo("body");
    }

    @Test
    void emptyDocumentHasNoMemories() {
        assertThat(markdown.read("").entries()).isEmpty();
        assertThat(markdown.read(MarkdownMemories.HEADER).entries()).isEmpty();
        assertThat(markdown.read(MarkdownMemories.HEADER).errors()).isEmpty();
    }

    @Test
    void unclosedFenceNamesItsLine() {
        assertThat(errors("## T\n\n- kind: pattern\n\n```\nbody\n")).singleElement().asString()
                .startsWith("line 5: the text block of the memory of line 1 is never closed");
    }

    @Test
    void missingTextBlockNamesItsLine() {
        assertThat(errors("## T\n\n- kind: pattern\nbody without fence\n")).singleElement().asString()
                .startsWith("line 4: expected the text of the memory of line 1 in a fenced block");
    }

    @Test
    void malformedFieldNamesItsLine() {
        assertThat(errors("## T\n\n-kind pattern\n- kind pattern\n")).singleElement().asString()
                .startsWith("line 3: expected the text");
        assertThat(errors("## T\n\n- kind pattern\n")).singleElement().asString()
                .startsWith("line 3: expected a field as '- name: value'");
    }

    @Test
    void invalidJsonValueNamesLineAndField() {
        assertThat(errors("## T\n\n- tags: [\"a\",\n\n```\nx\n```\n")).singleElement().asString()
                .startsWith("line 3: 'tags' value '[\"a\",' is not valid JSON");
    }

    @Test
    void textAfterMemoryRejected() {
        assertThat(errors("## T\n\n```\nx\n```\nstray words\n")).singleElement().asString()
                .startsWith("line 6: unexpected text after the memory of line 1");
    }

    @Test
    void memoryWithLayoutErrorIsLeftOut() {
        MarkdownMemories.Document read = markdown.read("## T\n\n```\nx\n```\nstray words\n");

        assertThat(read.entries()).isEmpty();
    }

    @Test
    void readingResumesAtNextHeading() {
        String document = "## One\n\n- kind pattern\n\n## Two\n\n```\ntwo\n```\n\n## Three\n\n```\nopen\n";

        MarkdownMemories.Document read = markdown.read(document);

        assertThat(read.entries()).extracting(entry -> entry.fields().get("title").asText()).containsExactly("Two");
        assertThat(read.errors()).extracting(MarkdownMemories.Problem::line).containsExactly(3, 13);
    }

    @Test
    void fieldGivenTwiceRejected() {
        assertThat(errors("## T\n\n- kind: pattern\n- kind: rule\n\n```\nx\n```\n")).singleElement().asString()
                .startsWith("line 4: field 'kind' appears twice in the memory of line 1; keep one");
    }

    @Test
    void titleFieldOverridesHeading() {
        ObjectNode fields = markdown.read("## Cleaned\n\n- title: \" padded \"\n\n```\nx\n```\n").entries().get(0)
                .fields();

        assertThat(fields.get("title").asText()).isEqualTo(" padded ");
    }

    @Test
    void infoStringKeepsFenceInText() {
        String document = "## T\n\n- kind: pattern\n\n```java\n  int x = 1;\n```\n";

        String text = markdown.read(document).entries().get(0).fields().get("text").asText();

        assertThat(text).isEqualTo("```java\n  int x = 1;\n```");
        assertThat(roundTrip(memory("T", text)).get(0).fields().get("text").asText()).isEqualTo(text);
    }

    @Test
    void blankInfoStringIsNoInfoString() {
        String document = "## T\n\n```  \nbody\n```\n";

        assertThat(markdown.read(document).entries().get(0).fields().get("text").asText()).isEqualTo("body");
    }

    /**
     * Writes and reads back texts built from random pieces that Markdown treats specially:
     * outer and inner blanks, fences with and without info strings, headings, field lines and
     * blank lines. A fixed seed keeps failures repeatable.
     */
    @Test
    void randomTextsSurviveExactly() {
        String[] pieces = {" ", "   ", "\t", "\n", "\n\n", "```", "```java", "````", "~~~", "## ", "# ", "- kind: x",
            "- ", "`", "word", "ünï", "日本", "🎉", "\u00a0", "\\", "\"", "[", "{", "\r\n", "<!-- c -->"};
        Random random = new Random(20261205L);
        for (int round = 0; round < 3000; round++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            ObjectNode original = memory("Title", text.toString());

            assertThat(roundTrip(original)).as("text %s", json.valueToTree(text.toString())).singleElement()
                    .extracting(MarkdownMemories.Entry::fields).isEqualTo(original);
        }
    }

    @Test
    void fenceIsLongerThanAnyBacktickRun() {
        String written = markdown.write(memory("T", "a ````` b"));

        assertThat(written).contains("\n``````\na ````` b\n``````\n");
    }
}

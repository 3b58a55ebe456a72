package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.core.RememberRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-file behaviour of import: byte order marks, files without memories and the order of errors. */
class ImportReaderTest {

    private static final String BOM = "\uFEFF";

    @TempDir
    Path temp;

    private final List<RememberRequest> requests = new ArrayList<>();

    private List<String> read(String name, String content) throws IOException {
        Path file = Files.writeString(temp.resolve(name), content, StandardCharsets.UTF_8);
        return new ImportReader(false).read(file.toString(), ExchangeFormat.choose(null, name), requests);
    }

    @Test
    void byteOrderMarkSkippedInJsonLines() throws IOException {
        assertThat(read("a.jsonl", BOM + "{\"text\": \"x\", \"kind\": \"pattern\"}\n")).isEmpty();
        assertThat(requests).singleElement().extracting(RememberRequest::text).isEqualTo("x");
    }

    @Test
    void byteOrderMarkSkippedInMarkdown() throws IOException {
        assertThat(read("a.md", BOM + "## Title\n\n- kind: pattern\n\n```\nbody\n```\n")).isEmpty();
        assertThat(requests).singleElement().extracting(RememberRequest::title).isEqualTo(java.util.Optional.of(
                "Title"));
    }

    @Test
    void markdownWithoutHeadingsRejected() {
        assertThatThrownBy(() -> read("notes.md", "# Notes\n\n### Not a memory\n\n##Title\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("notes.md contains no memories in the Markdown export format");
    }

    @Test
    void emptyExportAccepted() throws IOException {
        assertThat(read("empty.md", MarkdownMemories.HEADER)).isEmpty();
        assertThat(requests).isEmpty();
    }

    @Test
    void markdownErrorsListedInLineOrder() throws IOException {
        String document = "## One\n\n- kind: lesson\n\n```\none\n```\n\n## Two\n\n- kind pattern\n\n"
                + "## Three\n\n- kind: pattern\n- importance: high\n\n```\nthree\n```\n\n## Four\n\n- kind: pattern\n\n"
                + "```\nfour\n```\n";

        List<String> errors = read("mixed.md", document);

        assertThat(errors).containsExactly(
                "line 1: unknown kind \"lesson\"; expected one of pattern, rule, bug_pattern, anti_pattern, "
                        + "failed_approach, edge_case",
                "line 11: expected a field as '- name: value', got '- kind pattern'",
                "line 13: 'importance' must be a number from 0 to 1, got \"high\"");
        assertThat(requests).extracting(RememberRequest::text).containsExactly("four");
    }
}

package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.text.MarkdownQuote;
import org.junit.jupiter.api.Test;

class MemoryViewTest {

    @Test
    void quotedLineDropsBidiAndZeroWidth() {
        assertThat(MarkdownQuote.quotedLine("a\u202Eb\u202C c\u200Bd \u2066e\u2069")).isEqualTo("ab cd e");
    }

    @Test
    void quotedLineDropsTerminalEscapes() {
        assertThat(MarkdownQuote.quotedLine("\u001B[31mred\u0007")).isEqualTo("[31mred");
    }

    @Test
    void quotedLineKeepsTabsAndMarkdown() {
        assertThat(MarkdownQuote.quotedLine("\t## not a heading in a quote")).isEqualTo("\t## not a heading in a quote");
    }

    @Test
    void inlineTextStaysOnOneLine() {
        assertThat(MemoryView.inline("title\n## heading\u2028<!-- x -->")).isEqualTo("title \\#\\# heading \\<!-- x --\\>");
    }
}

package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryViewTest {

    @Test
    void quotedLineDropsBidiAndZeroWidth() {
        assertThat(MemoryView.quoted("a\u202Eb\u202C c\u200Bd \u2066e\u2069")).isEqualTo("ab cd e");
    }

    @Test
    void quotedLineDropsTerminalEscapes() {
        assertThat(MemoryView.quoted("\u001B[31mred\u0007")).isEqualTo("[31mred");
    }

    @Test
    void quotedLineKeepsTabsAndMarkdown() {
        assertThat(MemoryView.quoted("\t## not a heading in a quote")).isEqualTo("\t## not a heading in a quote");
    }

    @Test
    void inlineTextStaysOnOneLine() {
        assertThat(MemoryView.inline("title\n## heading\u2028<!-- x -->")).isEqualTo("title \\#\\# heading \\<!-- x --\\>");
    }
}

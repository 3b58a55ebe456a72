package dev.scms.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownQuoteTest {

    @Test
    void quotedLineMakesCommentOpenerInert() {
        assertThat(MarkdownQuote.quotedLine("before <!-- hidden")).isEqualTo("before &lt;!-- hidden");
    }

    @Test
    void quotedLineEscapesOpenerJoinedByRemovedCharacter() {
        assertThat(MarkdownQuote.quotedLine("<\u200B!-\u001B-")).isEqualTo("&lt;!--");
    }

    @Test
    void quotedLineKeepsTabsAndRemovesControls() {
        assertThat(MarkdownQuote.quotedLine("a\tb\u202Ec\u0007")).isEqualTo("a\tbc");
    }

    @Test
    void inlineEscapesMarksAndJoinsLines() {
        assertThat(MarkdownQuote.inline("# x\n<!-- y\u2028**z**")).isEqualTo("\\# x \\<!-- y \\*\\*z\\*\\*");
    }

    @Test
    void inertLeavesOtherMarkupAlone() {
        assertThat(MarkdownQuote.inert("<b> -- <! -->")).isEqualTo("<b> -- <! -->");
    }
}

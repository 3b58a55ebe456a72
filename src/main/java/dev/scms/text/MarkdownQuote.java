package dev.scms.text;

import java.util.regex.Pattern;

/**
 * Makes stored text inert in the Markdown that SCMS writes: the retrieve_memories text, the
 * prompts, {@code scms context}, the rules resource and the rules files. Every output that shows
 * stored text uses these methods, so one rule applies everywhere.
 *
 * <p>Control and format characters (terminal escapes, bidirectional overrides, zero-width
 * characters) are removed before anything is escaped, so that removing them cannot put an
 * opener back together. HTML comment openers become {@code &lt;!--}, so that no stored text can
 * hide the lines after it from the reader or forge the markers of the rules section.
 */
public final class MarkdownQuote {

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\u0085\\u2028\\u2029]+");
    private static final Pattern HIDDEN = Pattern.compile("[\\p{Cc}\\p{Cf}]");
    private static final Pattern HIDDEN_BUT_TAB = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\t]]");
    private static final Pattern INLINE_MARKS = Pattern.compile("([\\\\`*_\\[\\]<>#|])");
    private static final String COMMENT_OPENER = "<!--";
    private static final String INERT_COMMENT_OPENER = "&lt;!--";

    private MarkdownQuote() {
    }

    /**
     * Prepares stored text that appears outside a quote, such as a title: one line, without
     * control and format characters, with Markdown's inline marks escaped, so that it cannot open
     * a heading, a link, emphasis or a comment of its own.
     */
    public static String inline(String text) {
        String visible = HIDDEN.matcher(LINE_BREAKS.matcher(text).replaceAll(" ")).replaceAll("");
        return INLINE_MARKS.matcher(visible).replaceAll("\\\\$1");
    }

    /**
     * Prepares one line of stored text for a block quote: removes control and format characters
     * other than tabs, and makes comment openers inert. The caller splits the text into lines.
     */
    public static String quotedLine(String line) {
        return inert(HIDDEN_BUT_TAB.matcher(line).replaceAll(""));
    }

    /** Returns {@code text} with every HTML comment opener replaced by {@code &lt;!--}. */
    public static String inert(String text) {
        return text.replace(COMMENT_OPENER, INERT_COMMENT_OPENER);
    }
}

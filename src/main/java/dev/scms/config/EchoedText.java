package dev.scms.config;

import dev.scms.text.TextCut;
import java.util.Locale;

/**
 * Makes text taken from a file, the environment, a flag or a client safe to echo in a message
 * on one terminal line. Control, format and line-separator characters (ESC, NUL, CR, LF, the
 * bidirectional overrides) and lone surrogates become Java-style escapes (a backslash, {@code u}
 * and four hex digits), so a value cannot move
 * the cursor, change the terminal title or start a forged line. A backslash is left as it is,
 * so Windows paths stay readable.
 */
public final class EchoedText {

    /** Longer values are cut in messages, so that one huge value cannot flood the terminal or a reply. */
    public static final int MAX_CHARS = 200;

    private EchoedText() {
    }

    /**
     * Returns {@code value} escaped and in single quotes. A value longer than {@link #MAX_CHARS}
     * is cut with an ellipsis and followed by its length, e.g. {@code 'aaa…' (100000 characters)}.
     */
    public static String quote(String value) {
        if (value.length() <= MAX_CHARS) {
            return "'" + escape(value) + "'";
        }
        return "'" + escape(head(value)) + "…' (" + value.length() + " characters)";
    }

    /** Returns {@code value} escaped, and cut as {@link #quote} cuts it, without quotes: for URIs and names. */
    public static String shorten(String value) {
        if (value.length() <= MAX_CHARS) {
            return escape(value);
        }
        return escape(head(value)) + "… (" + value.length() + " characters)";
    }

    private static String head(String value) {
        return TextCut.head(value, MAX_CHARS);
    }

    /** Returns {@code text} with every character that could break or forge a terminal line escaped. */
    public static String escape(String text) {
        StringBuilder builder = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unsafe = unsafe(c) || loneSurrogate(text, i);
            if (unsafe && builder == null) {
                builder = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (builder != null) {
                builder.append(unsafe ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return builder == null ? text : builder.toString();
    }

    private static boolean unsafe(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean loneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }
}

package dev.scms.text;

/**
 * Finds where a text may be cut so that no character the reader sees is split. A cut never falls
 * inside a surrogate pair, or between a character and the marks, joiners and modifiers that
 * extend it. Previews, table cells, echoed values, logged queries and the text passed to
 * the embedding model are cut here.
 *
 * <p>The extending characters are a subset of the Unicode rules for grapheme clusters (UAX #29):
 * combining marks (Mn, Mc, Me), zero width joiner U+200D and what follows it, variation
 * selectors, and emoji skin tone modifiers. Regional indicator pairs (flags) and Hangul
 * syllable sequences are not kept together.
 */
public final class TextCut {

    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private TextCut() {
    }

    /**
     * Returns the largest index at or before {@code index} where {@code text} may be cut. When the
     * character at the cut extends one that starts at index 0, the whole text is one cluster, and
     * the index moves back only to the start of its code point.
     *
     * @throws IllegalArgumentException if {@code index} is negative
     */
    public static int boundaryAtOrBefore(CharSequence text, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, got " + index);
        }
        if (index >= text.length()) {
            return text.length();
        }
        int end = index;
        if (end > 0 && Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        int codePointStart = end;
        while (end > 0 && extendsPrevious(text, end)) {
            end -= Character.charCount(Character.codePointBefore(text, end));
        }
        return end == 0 ? codePointStart : end;
    }

    /** Returns the first {@code maxChars} UTF-16 units of {@code text} or fewer, cut at a boundary. */
    public static String head(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, boundaryAtOrBefore(text, maxChars));
    }

    /** Returns true when the code point at {@code index} belongs to the cluster of the one before it. */
    private static boolean extendsPrevious(CharSequence text, int index) {
        int codePoint = Character.codePointAt(text, index);
        return isExtending(codePoint) || Character.codePointBefore(text, index) == ZERO_WIDTH_JOINER;
    }

    private static boolean isExtending(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || codePoint == ZERO_WIDTH_JOINER
                || codePoint >= 0xFE00 && codePoint <= 0xFE0F
                || codePoint >= 0xE0100 && codePoint <= 0xE01EF
                || codePoint >= 0x1F3FB && codePoint <= 0x1F3FF;
    }
}

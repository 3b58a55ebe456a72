package dev.scms.embed;

import dev.scms.text.TextCut;

/** Checks and repairs applied to text before the tokenizer, so odd input does not reach ONNX Runtime. */
final class EmbeddingText {

    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private EmbeddingText() {
    }

    /**
     * Replaces every lone UTF-16 surrogate with U+FFFD. The tokenizer is native code that
     * receives the text as UTF-8, and a lone surrogate has no UTF-8 encoding.
     */
    static String replaceLoneSurrogates(String text) {
        StringBuilder repaired = null;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean pairStart = Character.isHighSurrogate(c)
                    && i + 1 < length
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pairStart) {
                if (repaired != null) {
                    repaired.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            boolean lone = Character.isSurrogate(c);
            if (lone && repaired == null) {
                repaired = new StringBuilder(length).append(text, 0, i);
            }
            if (repaired != null) {
                repaired.append(lone ? REPLACEMENT_CHARACTER : c);
            }
        }
        return repaired == null ? text : repaired.toString();
    }

    /**
     * Returns whether the text contains a letter or a digit. Text without one (empty, blank,
     * only emoji, punctuation or control characters) carries no meaning for the model: the
     * tokenizer drops control characters and maps emoji to the unknown token.
     */
    static boolean hasContent(String text) {
        return text.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /**
     * Returns at most the first {@code maxChars} characters, cut at a {@link TextCut} boundary.
     * The cut moves back to the last whitespace when one lies in the final tenth of the limit.
     */
    static String truncate(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = TextCut.boundaryAtOrBefore(text, maxChars);
        int minimumEnd = end - end / 10;
        for (int i = end; i > minimumEnd; i--) {
            if (Character.isWhitespace(text.charAt(i - 1))) {
                return text.substring(0, i - 1);
            }
        }
        return text.substring(0, end);
    }
}

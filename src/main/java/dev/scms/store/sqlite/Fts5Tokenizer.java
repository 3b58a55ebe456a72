package dev.scms.store.sqlite;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into the tokens that the FTS5 tokenizer {@code porter unicode61 remove_diacritics 2}
 * of {@code memories_fts} produces: runs of letters, digits and private-use characters, folded
 * to lower case without diacritics, then stemmed by {@link PorterStem}.
 *
 * <p>ASCII text is split exactly as FTS5 splits it. Beyond ASCII, the character classes and the
 * folding come from Java's Unicode tables, not from SQLite's own, so a rare character may fold
 * differently. {@link TextIndex} therefore compares its token totals with those FTS5 stored and
 * leaves every query with a character beyond ASCII to FTS5.
 */
final class Fts5Tokenizer {

    private Fts5Tokenizer() {
    }

    /** Returns the stemmed tokens of the text in order. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean inToken = false;
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (isTokenChar(c) || inToken && isDiacritic(c)) {
                inToken = true;
                fold(token, c);
            } else if (inToken) {
                tokens.add(finished(token));
                inToken = false;
            }
        }
        if (inToken) {
            tokens.add(finished(token));
        }
        return tokens;
    }

    /** True when the text contains only ASCII characters, which this class splits exactly as FTS5. */
    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String finished(StringBuilder token) {
        String folded = token.toString();
        token.setLength(0);
        return PorterStem.stem(folded);
    }

    /** Letters, digits and private-use characters: FTS5's default categories "L* N* Co". */
    private static boolean isTokenChar(int c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.PRIVATE_USE -> true;
            default -> false;
        };
    }

    /** Combining diacritical marks, which continue a token and fold to nothing. */
    private static boolean isDiacritic(int c) {
        return c >= 0x300 && c <= 0x36F;
    }

    private static void fold(StringBuilder token, int c) {
        if (c < 0x80) {
            token.append((char) (c >= 'A' && c <= 'Z' ? c + 32 : c));
            return;
        }
        if (isDiacritic(c)) {
            return;
        }
        String lower = new String(Character.toChars(Character.toLowerCase(c)));
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
        decomposed.codePoints().filter(point -> !isDiacritic(point)).forEach(token::appendCodePoint);
    }
}

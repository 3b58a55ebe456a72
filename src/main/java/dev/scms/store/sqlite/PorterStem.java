package dev.scms.store.sqlite;

import java.nio.charset.StandardCharsets;

/**
 * The Porter stemmer as SQLite's FTS5 {@code porter} tokenizer applies it: on the UTF-8 bytes of
 * a folded token, leaving tokens shorter than 3 or longer than 64 bytes as they are. Bytes other
 * than the vowels a, e, i, o, u (and y after a consonant) count as consonants, so a multi-byte
 * character counts as several. Written from the rules of the algorithm and checked against FTS5
 * itself by {@code TextIndexTest}; FTS5's variant differs from the reference stemmer in details
 * such as step 1c, which turns y into i after any vowel.
 */
final class PorterStem {

    private static final int MAX_BYTES = 64;

    /** One rewrite: a suffix, the condition on the stem before it, and its replacement. */
    private record Rule(byte[] suffix, Condition condition, byte[] replacement) {

        static Rule of(String suffix, Condition condition, String replacement) {
            return new Rule(suffix.getBytes(StandardCharsets.US_ASCII), condition,
                    replacement.getBytes(StandardCharsets.US_ASCII));
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds(byte[] word, int stemLength);
    }

    private static final Condition M_GT_0 = (w, n) -> afterVowelConsonant(w, 0, n, false) >= 0;
    private static final Condition M_GT_1 = PorterStem::measureAboveOne;
    private static final Condition M_GT_1_S_OR_T = (w, n) -> (w[n - 1] == 's' || w[n - 1] == 't') && measureAboveOne(w, n);

    private static final Rule[] STEP_2 = {
        Rule.of("ational", M_GT_0, "ate"), Rule.of("tional", M_GT_0, "tion"),
        Rule.of("enci", M_GT_0, "ence"), Rule.of("anci", M_GT_0, "ance"),
        Rule.of("izer", M_GT_0, "ize"), Rule.of("logi", M_GT_0, "log"),
        Rule.of("bli", M_GT_0, "ble"), Rule.of("alli", M_GT_0, "al"), Rule.of("entli", M_GT_0, "ent"),
        Rule.of("eli", M_GT_0, "e"), Rule.of("ousli", M_GT_0, "ous"),
        Rule.of("ization", M_GT_0, "ize"), Rule.of("ation", M_GT_0, "ate"), Rule.of("ator", M_GT_0, "ate"),
        Rule.of("alism", M_GT_0, "al"), Rule.of("iveness", M_GT_0, "ive"), Rule.of("fulness", M_GT_0, "ful"),
        Rule.of("ousness", M_GT_0, "ous"),
        Rule.of("aliti", M_GT_0, "al"), Rule.of("iviti", M_GT_0, "ive"), Rule.of("biliti", M_GT_0, "ble"),
    };

    private static final Rule[] STEP_3 = {
        Rule.of("ical", M_GT_0, "ic"), Rule.of("ness", M_GT_0, ""), Rule.of("icate", M_GT_0, "ic"),
        Rule.of("iciti", M_GT_0, "ic"), Rule.of("ful", M_GT_0, ""), Rule.of("ative", M_GT_0, ""),
        Rule.of("alize", M_GT_0, "al"),
    };

    private static final Rule[] STEP_4 = {
        Rule.of("al", M_GT_1, ""), Rule.of("ance", M_GT_1, ""), Rule.of("ence", M_GT_1, ""),
        Rule.of("er", M_GT_1, ""), Rule.of("ic", M_GT_1, ""), Rule.of("able", M_GT_1, ""),
        Rule.of("ible", M_GT_1, ""), Rule.of("ant", M_GT_1, ""), Rule.of("ement", M_GT_1, ""),
        Rule.of("ment", M_GT_1, ""), Rule.of("ent", M_GT_1, ""), Rule.of("ion", M_GT_1_S_OR_T, ""),
        Rule.of("ou", M_GT_1, ""), Rule.of("ism", M_GT_1, ""), Rule.of("ate", M_GT_1, ""),
        Rule.of("iti", M_GT_1, ""), Rule.of("ous", M_GT_1, ""), Rule.of("ive", M_GT_1, ""),
        Rule.of("ize", M_GT_1, ""),
    };

    private PorterStem() {
    }

    /** Returns the stem of a folded token. */
    static String stem(String token) {
        if (token.length() > MAX_BYTES || token.length() < 3 && isAscii(token)) {
            return token;
        }
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES || bytes.length < 3) {
            return token;
        }
        byte[] word = new byte[MAX_BYTES + 8];
        System.arraycopy(bytes, 0, word, 0, bytes.length);
        int length = stem(word, bytes.length);
        return new String(word, 0, length, StandardCharsets.UTF_8);
    }

    private static int stem(byte[] w, int length) {
        int n = step1a(w, length);
        n = step1b(w, n);
        if (w[n - 1] == 'y' && hasVowel(w, n - 1)) {
            w[n - 1] = 'i';
        }
        n = apply(STEP_2, w, n);
        n = apply(STEP_3, w, n);
        n = apply(STEP_4, w, n);
        if (w[n - 1] == 'e' && (measureAboveOne(w, n - 1) || measureIsOne(w, n - 1) && !endsCvc(w, n - 1))) {
            n--;
        }
        if (n > 1 && w[n - 1] == 'l' && w[n - 2] == 'l' && measureAboveOne(w, n - 1)) {
            n--;
        }
        return n;
    }

    private static int step1a(byte[] w, int n) {
        if (w[n - 1] != 's') {
            return n;
        }
        if (w[n - 2] == 'e') {
            boolean sses = n > 4 && w[n - 4] == 's' && w[n - 3] == 's';
            boolean ies = n > 3 && w[n - 3] == 'i';
            return sses || ies ? n - 2 : n - 1;
        }
        return w[n - 2] == 's' ? n : n - 1;
    }

    /** Removes "eed", "ed" or "ing" and repairs the stem as step 1b of the algorithm does. */
    private static int step1b(byte[] w, int n) {
        int stem;
        if (endsWith(w, n, "eed")) {
            return M_GT_0.holds(w, n - 3) ? n - 1 : n;
        } else if (endsWith(w, n, "ed") && hasVowel(w, n - 2)) {
            stem = n - 2;
        } else if (endsWith(w, n, "ing") && hasVowel(w, n - 3)) {
            stem = n - 3;
        } else {
            return n;
        }
        if (endsWith(w, stem, "at") || endsWith(w, stem, "bl") || endsWith(w, stem, "iz")) {
            w[stem] = 'e';
            return stem + 1;
        }
        byte last = w[stem - 1];
        if (stem > 1 && !isVowel(last, false) && last != 'l' && last != 's' && last != 'z' && last == w[stem - 2]) {
            return stem - 1;
        }
        if (measureIsOne(w, stem) && endsCvc(w, stem)) {
            w[stem] = 'e';
            return stem + 1;
        }
        return stem;
    }

    /** Applies the first rule whose suffix ends the word and leaves a non-empty stem, if its condition holds. */
    private static int apply(Rule[] rules, byte[] w, int n) {
        for (Rule rule : rules) {
            int suffix = rule.suffix().length;
            if (n > suffix && endsWith(w, n, rule.suffix())) {
                int stem = n - suffix;
                if (!rule.condition().holds(w, stem)) {
                    return n;
                }
                System.arraycopy(rule.replacement(), 0, w, stem, rule.replacement().length);
                return stem + rule.replacement().length;
            }
        }
        return n;
    }

    private static boolean endsWith(byte[] w, int n, String suffix) {
        return n > suffix.length() && endsWith(w, n, suffix.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean endsWith(byte[] w, int n, byte[] suffix) {
        if (n < suffix.length) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (w[n - suffix.length + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVowel(byte c, boolean yIsVowel) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || yIsVowel && c == 'y';
    }

    /** True when the first {@code n} bytes contain a vowel; y counts as one anywhere but first. */
    private static boolean hasVowel(byte[] w, int n) {
        for (int i = 0; i < n; i++) {
            if (isVowel(w[i], i > 0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Skips consonants, then vowels, then one consonant from {@code from}, and returns the index
     * after that consonant, or -1 when the bytes up to {@code end} contain no vowel-consonant pair.
     */
    private static int afterVowelConsonant(byte[] w, int from, int end, boolean previousConsonant) {
        boolean consonant = previousConsonant;
        int i = from;
        for (; i < end; i++) {
            consonant = !isVowel(w[i], consonant);
            if (!consonant) {
                break;
            }
        }
        for (i++; i < end; i++) {
            consonant = !isVowel(w[i], consonant);
            if (consonant) {
                return i + 1;
            }
        }
        return -1;
    }

    private static boolean measureAboveOne(byte[] w, int n) {
        int first = afterVowelConsonant(w, 0, n, false);
        return first >= 0 && afterVowelConsonant(w, first, n, true) >= 0;
    }

    private static boolean measureIsOne(byte[] w, int n) {
        int first = afterVowelConsonant(w, 0, n, false);
        return first >= 0 && afterVowelConsonant(w, first, n, true) < 0;
    }

    /** True when the stem ends consonant, vowel, consonant, and the last is not w, x or y. */
    private static boolean endsCvc(byte[] w, int n) {
        byte last = w[n - 1];
        if (last == 'w' || last == 'x' || last == 'y') {
            return false;
        }
        int mask = 0;
        boolean consonant = false;
        for (int i = 0; i < n; i++) {
            consonant = !isVowel(w[i], consonant);
            mask = (mask << 1) | (consonant ? 1 : 0);
        }
        return (mask & 0b111) == 0b101;
    }

    private static boolean isAscii(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}

package dev.scms.core;

import dev.scms.text.TextCut;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/** Text helpers shared by the use cases: hashing, titles, token estimates and safe cutting. */
public final class Texts {

    /** Characters per token in every estimate, a common rule of thumb for English text and code. */
    public static final int CHARS_PER_TOKEN = 4;
    private static final int TITLE_WORDS = 10;

    private Texts() {
    }

    /**
     * Returns a SHA-256 over the kind and the text after NFC normalisation, case folding and
     * collapsing of white space, so that trivial re-wordings of spacing or case hash alike.
     */
    public static String contentHash(String kind, String text) {
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).strip()
                .replaceAll("\\s+", " ");
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(kind.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return HexFormat.of().formatHex(digest.digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Derives a title from a text: its first sentence, cut to ten words. */
    public static String deriveTitle(String text) {
        String firstLine = text.strip().split("\\R", 2)[0];
        String sentence = firstLine.split("(?<=[.!?])\\s", 2)[0];
        String[] words = sentence.strip().split("\\s+");
        if (words.length <= TITLE_WORDS) {
            return stripTrailingPunctuation(sentence.strip());
        }
        return String.join(" ", java.util.Arrays.copyOf(words, TITLE_WORDS)) + " …";
    }

    /**
     * Returns true when the text has nothing to read: only white space of any script (such as
     * U+00A0 and U+3000, which {@link String#isBlank()} keeps), control or format characters.
     */
    public static boolean isBlank(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    /** Estimates tokens as one per four characters, rounded up: close enough for budgets. */
    public static int estimateTokens(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    /**
     * Cuts text to at most {@code maxChars} UTF-16 units, adding "…", at a boundary of
     * {@link TextCut}, so never inside a surrogate pair or between a character and its combining marks.
     */
    public static String truncate(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        return TextCut.head(text, Math.max(0, maxChars - 1)) + "…";
    }

    /** Replaces lone UTF-16 surrogates with U+FFFD so that stored text is always valid Unicode. */
    public static String sanitise(String text) {
        StringBuilder builder = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lone = Character.isHighSurrogate(c)
                    ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
            if (lone && builder == null) {
                builder = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (builder != null) {
                builder.append(lone ? '\uFFFD' : c);
            }
        }
        return builder == null ? text : builder.toString();
    }

    /**
     * Returns the text, or rejects it when it contains U+0000: PostgreSQL text cannot store that
     * character, so both stores refuse it at input and keep the same contents.
     */
    public static String requireNoNul(String field, String text) {
        if (text != null && text.indexOf('\u0000') >= 0) {
            throw new InvalidInputException(field, NUL_PROBLEM);
        }
        return text;
    }

    /** The problem stated when a text contains U+0000, without the field's name. */
    public static final String NUL_PROBLEM = "contains a NUL character (U+0000), which cannot be stored; "
            + "remove the NUL character and send the text again";

    private static String stripTrailingPunctuation(String text) {
        return text.replaceAll("[.!?:;,]+$", "");
    }
}

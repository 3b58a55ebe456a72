package dev.scms.store;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The search terms of free text such as an error message or an identifier: its distinct words,
 * then the pairs of adjacent words as two-word phrases. Only runs of letters and digits survive,
 * so operators, quotes, column filters and prefixes in the input are never interpreted. Every
 * store ORs the terms in its own full-text syntax.
 *
 * @param words lower-case words of two or more characters that are no stop words
 * @param phrases lower-case pairs of adjacent words, separated by one space
 */
public record QueryTerms(List<String> words, List<String> phrases) {

    /** The maximum number of words in one query; more only slows the match down. */
    public static final int MAX_TOKENS = 32;

    /** The maximum number of two-word phrases in one query. */
    public static final int MAX_PHRASES = 32;

    // A word starts with a letter or digit, and combining marks may follow, as in decomposed accents.
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}]*");

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "do", "does", "for", "from", "has", "have",
            "how", "if", "in", "into", "is", "it", "its", "not", "of", "on", "or", "so", "that", "the", "their",
            "then", "there", "these", "this", "to", "was", "were", "what", "when", "where", "which", "while",
            "who", "why", "will", "with", "you", "your");

    public QueryTerms {
        words = List.copyOf(words);
        phrases = List.copyOf(phrases);
    }

    /**
     * Returns the terms, or empty when the text has no searchable word. Words shorter than two
     * characters and stop words are left out as words. A phrase is left out only when both of its
     * words are stop words.
     */
    public static Optional<QueryTerms> from(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Set<String> words = new LinkedHashSet<>();
        Set<String> phrases = new LinkedHashSet<>();
        String previous = null;
        Matcher matcher = WORD.matcher(text);
        while (matcher.find() && (words.size() < MAX_TOKENS || phrases.size() < MAX_PHRASES)) {
            String word = matcher.group().toLowerCase(Locale.ROOT);
            boolean stop = STOP_WORDS.contains(word);
            if (words.size() < MAX_TOKENS && word.codePointCount(0, word.length()) >= 2 && !stop) {
                words.add(word);
            }
            if (previous != null && phrases.size() < MAX_PHRASES && !(stop && STOP_WORDS.contains(previous))) {
                phrases.add(previous + ' ' + word);
            }
            previous = word;
        }
        if (words.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new QueryTerms(List.copyOf(words), List.copyOf(phrases)));
    }
}

package dev.scms.store.sqlite;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds a safe FTS5 MATCH expression from free text such as an error message or an
 * identifier. Only runs of letters and digits survive, each quoted as an FTS5 string, so
 * operators, quotes, column filters and prefixes in the input are never interpreted.
 */
final class FtsQuery {

    /** The maximum number of words in one query; more only slows the match down. */
    static final int MAX_TOKENS = 32;

    // A word starts with a letter or digit, and combining marks may follow, as in decomposed accents.
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}]*");

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "do", "does", "for", "from", "has", "have",
            "how", "if", "in", "into", "is", "it", "its", "not", "of", "on", "or", "so", "that", "the", "their",
            "then", "there", "these", "this", "to", "was", "were", "what", "when", "where", "which", "while",
            "who", "why", "will", "with", "you", "your");

    private FtsQuery() {
    }

    /** Returns the words joined with OR, or empty when the text has no searchable word. */
    static Optional<String> from(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Set<String> words = new LinkedHashSet<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find() && words.size() < MAX_TOKENS) {
            String word = matcher.group().toLowerCase(Locale.ROOT);
            if (word.codePointCount(0, word.length()) >= 2 && !STOP_WORDS.contains(word)) {
                words.add(word);
            }
        }
        if (words.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(words.stream().map(FtsQuery::quote).collect(Collectors.joining(" OR ")));
    }

    // Words hold no quote character, but doubling keeps the quoting correct if WORD ever widens.
    private static String quote(String word) {
        return '"' + word.replace("\"", "\"\"") + '"';
    }
}

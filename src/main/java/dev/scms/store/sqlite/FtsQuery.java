package dev.scms.store.sqlite;

import dev.scms.store.QueryTerms;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds a safe FTS5 MATCH expression from free text with {@link QueryTerms}: each term is
 * quoted as an FTS5 string, so nothing in the input is interpreted as an operator.
 *
 * <p>The expression ORs the distinct words with the pairs of adjacent words as two-word
 * phrases. BM25 sums over the terms that match, so a memory that repeats a run of the query
 * verbatim, such as part of an error message ({@code "not supported url"}) or a compound
 * identifier ({@code ubuntu-latest}), ranks above one that only shares the same words
 * scattered. On the development set among 10,000 distractors the pairs raised Hit@1 of the
 * fused relevance from 0.857 to 0.886, and the gain held for every lexical weight from 0.25
 * to 0.6 and for two embedding models.
 */
final class FtsQuery {

    /** The maximum number of words in one query; more only slows the match down. */
    static final int MAX_TOKENS = QueryTerms.MAX_TOKENS;

    /** The maximum number of two-word phrases in one query. */
    static final int MAX_PHRASES = QueryTerms.MAX_PHRASES;

    private FtsQuery() {
    }

    /** Returns the words, then the phrases, joined with OR, or empty when the text has no searchable word. */
    static Optional<String> from(String text) {
        return QueryTerms.from(text).map(terms -> {
            List<String> all = new ArrayList<>(terms.words());
            all.addAll(terms.phrases());
            return all.stream().map(FtsQuery::quote).collect(Collectors.joining(" OR "));
        });
    }

    // Words hold no quote character, but doubling keeps the quoting correct if WORD ever widens.
    private static String quote(String word) {
        return '"' + word.replace("\"", "\"\"") + '"';
    }
}

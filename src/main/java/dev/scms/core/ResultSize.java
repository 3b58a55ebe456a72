package dev.scms.core;

/**
 * Measures the text a caller renders from a retrieval result, headers and provenance included,
 * so that the retriever can fit that whole text into the token budget.
 */
@FunctionalInterface
public interface ResultSize {

    /** Counts nothing beyond the memories, for callers that budget only the quoted memory text. */
    ResultSize MEMORIES_ONLY = result -> 0;

    /** Returns the length in UTF-16 units of the text rendered from {@code result}. */
    int characters(RetrieveResult result);
}

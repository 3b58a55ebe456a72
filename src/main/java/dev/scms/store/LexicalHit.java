package dev.scms.store;

/** A full-text match: the memory id and its BM25 score, higher is better and always positive. */
public record LexicalHit(long memoryId, double bm25) {
}

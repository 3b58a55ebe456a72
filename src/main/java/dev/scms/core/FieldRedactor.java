package dev.scms.core;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs {@link SecretRedactor} over the several fields of one request and adds up what it
 * replaced, so the tool's result can report one count by kind for all of them.
 */
final class FieldRedactor {

    private final Map<String, Integer> counts = new TreeMap<>();

    /** Returns the text with its secrets replaced. */
    String text(String text) {
        Redaction redaction = SecretRedactor.redact(text);
        redaction.counts().forEach((kind, count) -> counts.merge(kind, count, Integer::sum));
        return redaction.text();
    }

    /** Returns the texts, each with its secrets replaced, in the same order. */
    List<String> texts(List<String> texts) {
        return texts.stream().map(this::text).toList();
    }

    /** Returns the secrets replaced so far, counted by kind. */
    Map<String, Integer> counts() {
        return Collections.unmodifiableMap(new TreeMap<>(counts));
    }
}

package dev.scms.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits the body of a memory into the sentences that are embedded one by one. A query is
 * compared with each sentence and the best one counts. So a memory whose symptom sentence
 * matches the query is not diluted by its cause and fix sentences, which near-miss memories
 * of the same library tend to share.
 *
 * <p>A sentence ends at a line break, or at {@code .}, {@code !} or {@code ?} followed by white
 * space and an upper-case letter, a quote or an opening parenthesis, so version numbers
 * ({@code 3.7}), file names and lower-case abbreviations ({@code e.g. a}) do not split.
 */
final class Sentences {

    /** Maximum number of sentences embedded for one memory. The rest of a longer body joins the last one. */
    static final int MAX_SENTENCES = 16;

    private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\"'(])|\\R");

    private Sentences() {
    }

    /** Returns the sentences of the body, at least one for a body with any non-blank text. */
    static List<String> of(String body) {
        List<String> sentences = new ArrayList<>();
        for (String part : BOUNDARY.split(body.strip(), MAX_SENTENCES)) {
            String sentence = part.strip();
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }
}

package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SentencesTest {

    @Test
    void splitsBeforeCapitalsAndQuotes() {
        assertThat(Sentences.of("Init fails. \"require\" is missing! (Since v12.) Why? Because."))
                .containsExactly("Init fails.", "\"require\" is missing!", "(Since v12.) Why?", "Because.");
    }

    @Test
    void keepsVersionsAndAbbreviations() {
        assertThat(Sentences.of("Python 3.7 is gone from ubuntu-24.04, e.g. in setup-python. Pin 3.12 instead."))
                .containsExactly("Python 3.7 is gone from ubuntu-24.04, e.g. in setup-python.", "Pin 3.12 instead.");
    }

    @Test
    void splitsAtLineBreaks() {
        assertThat(Sentences.of("Symptom: timeout\r\nCause: no busy_timeout\n\n  Fix: set it  "))
                .containsExactly("Symptom: timeout", "Cause: no busy_timeout", "Fix: set it");
    }

    @Test
    void longBlankRunsSplitQuickly() {
        String body = "First." + " ".repeat(200_000) + "second part" + "\t".repeat(200_000) + "\nThird.";

        assertThat(Sentences.of(body)).containsExactly("First." + " ".repeat(200_000) + "second part", "Third.");
    }

    @Test
    void bodyWithoutBoundaryIsOneSentence() {
        assertThat(Sentences.of("  one lesson without a full stop  ")).containsExactly("one lesson without a full stop");
        assertThat(Sentences.of("   ")).isEmpty();
    }

    @Test
    void longBodyJoinsLastSentence() {
        String body = IntStream.range(0, 40).mapToObj(i -> "Sentence " + i + ".").collect(Collectors.joining(" "));

        var sentences = Sentences.of(body);

        assertThat(sentences).hasSize(Sentences.MAX_SENTENCES);
        assertThat(sentences.get(0)).isEqualTo("Sentence 0.");
        assertThat(sentences.get(Sentences.MAX_SENTENCES - 1)).startsWith("Sentence 15. Sentence 16.")
                .endsWith("Sentence 39.");
    }
}

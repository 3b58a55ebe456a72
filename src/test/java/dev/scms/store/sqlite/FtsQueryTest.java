package dev.scms.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FtsQueryTest {

    @Test
    void wordsAreQuotedAndJoinedWithOr() {
        assertThat(FtsQuery.from("Deadlock in OrderService")).contains("\"deadlock\" OR \"orderservice\"");
    }

    @Test
    void operatorsAndPunctuationAreDropped() {
        assertThat(FtsQuery.from("title:\"x\" AND NEAR(foo* -bar)")).contains("\"title\" OR \"near\" OR \"foo\" OR \"bar\"");
    }

    @Test
    void stopWordsShortWordsAndDuplicatesAreDropped() {
        assertThat(FtsQuery.from("the a x Cache cache CACHE")).contains("\"cache\"");
    }

    @Test
    void textWithoutWordsGivesNothing() {
        assertThat(FtsQuery.from("")).isEmpty();
        assertThat(FtsQuery.from("🔥 -- * \"")).isEmpty();
        assertThat(FtsQuery.from("the of and")).isEmpty();
        assertThat(FtsQuery.from(null)).isEmpty();
    }

    @Test
    void unicodeWordsAreKept() {
        assertThat(FtsQuery.from("Straße café")).contains("\"straße\" OR \"café\"");
    }

    @Test
    void wordCountIsCapped() {
        String text = IntStream.range(0, 50).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));

        String query = FtsQuery.from(text).orElseThrow();

        assertThat(query.split(" OR ")).hasSize(FtsQuery.MAX_TOKENS);
        assertThat(query).startsWith("\"word0\"").endsWith("\"word31\"");
    }
}

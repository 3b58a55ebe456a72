package dev.scms.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FtsQueryTest {

    @Test
    void wordsThenAdjacentPairsAreQuotedAndJoinedWithOr() {
        assertThat(FtsQuery.from("Deadlock in OrderService"))
                .contains("\"deadlock\" OR \"orderservice\" OR \"deadlock in\" OR \"in orderservice\"");
    }

    @Test
    void pairsSkipOnlyStopWordPairs() {
        assertThat(FtsQuery.from("it is not a URL: http+docker"))
                .contains("\"url\" OR \"http\" OR \"docker\" OR \"a url\" OR \"url http\" OR \"http docker\"");
    }

    @Test
    void repeatedPairsAppearOnce() {
        assertThat(FtsQuery.from("client closed, client closed")).contains(
                "\"client\" OR \"closed\" OR \"client closed\" OR \"closed client\"");
    }

    @Test
    void operatorsAndPunctuationAreDropped() {
        assertThat(FtsQuery.from("title:\"x\" AND NEAR(foo* -bar)")).hasValueSatisfying(query -> assertThat(query)
                .startsWith("\"title\" OR \"near\" OR \"foo\" OR \"bar\" OR \"title x\"")
                .doesNotContain("*", "(", ":", "-"));
    }

    @Test
    void stopWordsShortWordsAndDuplicatesAreDropped() {
        assertThat(FtsQuery.from("the a x Cache cache CACHE"))
                .contains("\"cache\" OR \"a x\" OR \"x cache\" OR \"cache cache\"");
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
        assertThat(FtsQuery.from("Straße café")).contains("\"straße\" OR \"café\" OR \"straße café\"");
    }

    @Test
    void wordCountIsCapped() {
        String text = IntStream.range(0, 50).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));

        String query = FtsQuery.from(text).orElseThrow();

        assertThat(query.split(" OR ")).hasSize(FtsQuery.MAX_TOKENS + FtsQuery.MAX_PHRASES);
        assertThat(query).startsWith("\"word0\"").contains("\"word31\" OR \"word0 word1\"")
                .endsWith("\"word31 word32\"");
    }

    @Test
    void quotesInsideWordsCannotEscapeTheirPhrase() {
        assertThat(FtsQuery.from("say \"deadlock\" or 'deadlock'")).contains("\"say\" OR \"deadlock\" OR "
                + "\"say deadlock\" OR \"deadlock or\" OR \"or deadlock\"");
    }

    @Test
    void booleanOperatorsAloneGiveNothing() {
        assertThat(FtsQuery.from("AND OR NOT")).isEmpty();
        assertThat(FtsQuery.from("NOT")).isEmpty();
    }

    @Test
    void columnFilterBecomesWords() {
        assertThat(FtsQuery.from("col: body:deadlock")).contains("\"col\" OR \"body\" OR \"deadlock\" OR "
                + "\"col body\" OR \"body deadlock\"");
    }

    @Test
    void caretStarAndParenthesesAreDropped() {
        assertThat(FtsQuery.from("^deadlock* ((orderservice")).contains("\"deadlock\" OR \"orderservice\" OR "
                + "\"deadlock orderservice\"");
        assertThat(FtsQuery.from("NEAR(")).contains("\"near\"");
        assertThat(FtsQuery.from(")))(((")).isEmpty();
    }

    @Test
    void onlyPunctuationGivesNothing() {
        assertThat(FtsQuery.from("!@#$%^&*()_+-=[]{}|;':\",./<>?`~")).isEmpty();
    }
}

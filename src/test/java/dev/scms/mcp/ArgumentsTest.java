package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.core.InvalidInputException;
import dev.scms.model.Kind;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgumentsTest {

    private static Arguments of(String name, Object value) {
        Map<String, Object> values = new HashMap<>();
        values.put(name, value);
        return new Arguments(values);
    }

    @Test
    void nulStringRejected() {
        assertThatThrownBy(() -> of("note", "before\u0000after").string("note"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'note'")
                .hasMessageContaining("remove the NUL character");
    }

    @Test
    void integerFromNumericString() {
        assertThat(of("k", "5").integer("k", 1, 20)).contains(5);
    }

    @Test
    void integerFromNumber() {
        assertThat(of("k", 5).integer("k", 1, 20)).contains(5);
    }

    @Test
    void emptyStringIsAbsent() {
        assertThat(of("k", "").integer("k", 1, 20)).isEmpty();
    }

    @Test
    void nullIsAbsent() {
        assertThat(of("k", null).integer("k", 1, 20)).isEmpty();
    }

    @Test
    void missingArgumentIsAbsent() {
        assertThat(new Arguments(Map.of()).integer("k", 1, 20)).isEmpty();
    }

    @Test
    void nullMapMeansNoArguments() {
        assertThat(new Arguments(null).string("query")).isEmpty();
    }

    @Test
    void wholeDecimalAcceptedAsInteger() {
        assertThat(of("k", 5.0).integer("k", 1, 20)).contains(5);
    }

    @Test
    void fractionRejectedForInteger() {
        assertThatThrownBy(() -> of("k", 5.5).integer("k", 1, 20))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'k'")
                .hasMessageContaining("5.5");
    }

    @Test
    void integerAboveMaximumNamesArgumentAndBounds() {
        assertThatThrownBy(() -> of("k", 21).integer("k", 1, 20))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'k'")
                .hasMessageContaining("between 1 and 20")
                .hasMessageContaining("21");
    }

    @Test
    void integerBelowMinimumNamesArgumentAndBounds() {
        assertThatThrownBy(() -> of("max_tokens", "10").integer("max_tokens", 50, 20_000))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'max_tokens'")
                .hasMessageContaining("between 50 and 20000");
    }

    @Test
    void integerFromTextRejected() {
        assertThatThrownBy(() -> of("k", "five").integer("k", 1, 20))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'k'");
    }

    @Test
    void integerFromBooleanRejected() {
        assertThatThrownBy(() -> of("k", true).integer("k", 1, 20))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'k'");
    }

    @Test
    void numberOutOfRangeNamesArgumentAndBounds() {
        assertThatThrownBy(() -> of("importance", "1.5").number("importance", 0.0, 1.0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'importance'")
                .hasMessageContaining("between 0.0 and 1.0");
    }

    @Test
    void numberFromString() {
        assertThat(of("importance", "0.25").number("importance", 0.0, 1.0)).contains(0.25);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "yes", "1", "TRUE", " Yes "})
    void booleanTrueSpellings(String text) {
        assertThat(of("force", text).bool("force")).contains(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "no", "0"})
    void booleanFalseSpellings(String text) {
        assertThat(of("force", text).bool("force")).contains(false);
    }

    @Test
    void booleanFromJsonBoolean() {
        assertThat(of("force", true).bool("force")).contains(true);
    }

    @Test
    void booleanFromNumberOne() {
        assertThat(of("force", 1).bool("force")).contains(true);
    }

    @Test
    void emptyBooleanIsAbsent() {
        assertThat(of("force", "").bool("force")).isEmpty();
    }

    @Test
    void unknownBooleanNamesArgument() {
        assertThatThrownBy(() -> of("force", "maybe").bool("force"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'force'")
                .hasMessageContaining("maybe");
    }

    @Test
    void idFromNumber() {
        assertThat(of("memory_id", 12).id("memory_id")).contains(12L);
    }

    @Test
    void idFromString() {
        assertThat(of("memory_id", "12").id("memory_id")).contains(12L);
    }

    @Test
    void idFromHashPrefixedString() {
        assertThat(of("memory_id", "#12").id("memory_id")).contains(12L);
    }

    @Test
    void idFromWholeDecimal() {
        assertThat(of("memory_id", 12.0).id("memory_id")).contains(12L);
    }

    @Test
    void emptyIdIsAbsent() {
        assertThat(of("memory_id", " ").id("memory_id")).isEmpty();
    }

    @Test
    void zeroIdRejected() {
        assertRejectedId(0);
    }

    @Test
    void negativeIdRejected() {
        assertRejectedId(-1);
    }

    @Test
    void textIdRejected() {
        assertRejectedId("abc");
    }

    @Test
    void fractionalIdRejected() {
        assertRejectedId(1.5);
    }

    private static void assertRejectedId(Object value) {
        assertThatThrownBy(() -> of("memory_id", value).id("memory_id"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'memory_id'");
    }

    @Test
    void requiredIdMissingNamesArgument() {
        assertThatThrownBy(() -> new Arguments(Map.of()).requiredId("memory_id", "pass the id"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'memory_id'")
                .hasMessageContaining("required");
    }

    @Test
    void stringsFromJsonArray() {
        assertThat(of("tags", List.of("java", "sqlite")).strings("tags")).containsExactly("java", "sqlite");
    }

    @Test
    void stringsFromJsonEncodedArray() {
        assertThat(of("tags", "[\"java\", \"sqlite\"]").strings("tags")).containsExactly("java", "sqlite");
    }

    @Test
    void stringsFromCommaSeparatedText() {
        assertThat(of("tags", "java, sqlite ,wal").strings("tags")).containsExactly("java", "sqlite", "wal");
    }

    @Test
    void stringsDropBlanksAndDuplicates() {
        assertThat(of("tags", Arrays.asList("java", " ", "java", null, "wal", "")).strings("tags"))
                .containsExactly("java", "wal");
    }

    @Test
    void commaSeparatedDropsBlanksAndDuplicates() {
        assertThat(of("tags", "java,,java, ,wal").strings("tags")).containsExactly("java", "wal");
    }

    @Test
    void stringsOfEmptyTextAreEmpty() {
        assertThat(of("tags", "  ").strings("tags")).isEmpty();
    }

    @Test
    void listWithObjectRejected() {
        assertThatThrownBy(() -> of("tags", List.of("java", Map.of("name", "x"))).strings("tags"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'tags[1]'");
    }

    @Test
    void encodedListWithObjectRejected() {
        assertThatThrownBy(() -> of("tags", "[\"java\", {\"name\": \"x\"}]").strings("tags"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'tags[1]'");
    }

    @Test
    void brokenEncodedArrayRejected() {
        assertThatThrownBy(() -> of("tags", "[\"java\", ").strings("tags"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'tags'");
    }

    @Test
    void objectInPlaceOfListRejected() {
        assertThatThrownBy(() -> of("tags", Map.of("a", "b")).strings("tags"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'tags'");
    }

    @Test
    void loneSurrogateInStringReplaced() {
        assertThat(of("query", "a\uD83Db").string("query")).contains("a\uFFFDb");
    }

    @Test
    void loneSurrogateInListReplaced() {
        assertThat(of("tags", List.of("x\uDE00")).strings("tags")).containsExactly("x\uFFFD");
    }

    @Test
    void loneSurrogateInCommaTextReplaced() {
        assertThat(of("tags", "a,\uD83D").strings("tags")).containsExactly("a", "\uFFFD");
    }

    @Test
    void validSurrogatePairKept() {
        assertThat(of("query", "ok \uD83D\uDE00").string("query")).contains("ok \uD83D\uDE00");
    }

    @Test
    void blankStringIsAbsent() {
        assertThat(of("query", "   ").string("query")).isEmpty();
    }

    @Test
    void numberAcceptedAsString() {
        assertThat(of("query", 42).string("query")).contains("42");
    }

    @Test
    void objectRejectedAsString() {
        assertThatThrownBy(() -> of("query", Map.of()).string("query"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'query'");
    }

    @Test
    void parsedListReadsKinds() {
        assertThat(of("kinds", "bug_pattern, edge-case").parsedList("kinds", Kind::parse, "pattern, rule"))
                .containsExactly(Kind.BUG_PATTERN, Kind.EDGE_CASE);
    }

    @Test
    void parsedListReportsUnknownValueAndAllowed() {
        String allowed = Kind.wireNames(Kind.values());

        assertThatThrownBy(() -> of("kinds", List.of("pattern", "lesson")).parsedList("kinds", Kind::parse, allowed))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'kinds'")
                .hasMessageContaining("'lesson'")
                .hasMessageContaining(allowed);
    }

    @Test
    void stringAtMaximumLengthAccepted() {
        String text = "a".repeat(Arguments.MAX_STRING_CHARS);

        assertThat(of("text", text).string("text")).contains(text);
    }

    @Test
    void stringAboveMaximumNamesArgumentSizeAndMaximum() {
        String text = "a".repeat(Arguments.MAX_STRING_CHARS + 1);

        assertThatThrownBy(() -> of("text", text).string("text"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'text'")
                .hasMessageContaining("20001 characters")
                .hasMessageContaining("maximum of 20000");
    }

    @Test
    void stringLengthCountsCodePoints() {
        // Each emoji is two UTF-16 units but one character.
        String text = "\uD83D\uDE00".repeat(Arguments.MAX_STRING_CHARS);

        assertThat(of("text", text).string("text")).contains(text);
    }

    @Test
    void longListElementRejected() {
        String tag = "t".repeat(Arguments.MAX_STRING_CHARS + 1);

        assertThatThrownBy(() -> of("tags", List.of("ok", tag)).strings("tags"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'tags[1]'")
                .hasMessageContaining("maximum of 20000");
    }

    @Test
    void listAboveMaximumItemsRejected() {
        List<String> tags = new java.util.ArrayList<>();
        for (int i = 0; i <= Arguments.MAX_LIST_ITEMS; i++) {
            tags.add("tag" + i);
        }

        assertThatThrownBy(() -> of("tags", tags).strings("tags"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'tags'")
                .hasMessageContaining("101 elements")
                .hasMessageContaining("maximum of 100");
    }

    @Test
    void commaTextAboveMaximumItemsRejected() {
        String tags = String.join(",", java.util.Collections.nCopies(Arguments.MAX_LIST_ITEMS + 1, "x"));

        assertThatThrownBy(() -> of("tags", tags).strings("tags"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'tags'")
                .hasMessageContaining("maximum of 100");
    }

    @Test
    void overlongTagNamedByIndex() {
        List<String> tags = List.of("java", "t".repeat(Arguments.MAX_STRING_CHARS + 1));

        assertThatThrownBy(() -> of("tags", tags).strings("tags"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("invalid argument 'tags[1]': is 20001 characters long")
                .extracting(e -> ((InvalidInputException) e).argument()).isEqualTo("tags");
    }

    @Test
    void nestedTagNamedByIndex() {
        assertThatThrownBy(() -> of("tags", List.of("java", List.of("x"))).strings("tags"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("invalid argument 'tags[1]': must be a string");
    }

    @Test
    void unknownListValueEchoedCut() {
        String kind = "k".repeat(16_000);

        assertThatThrownBy(() -> of("kinds", List.of(kind)).parsedList("kinds", Kind::parse, "pattern, rule"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("(16000 characters)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    }

    @Test
    void longArgumentNameCut() {
        String name = "n".repeat(1_000);

        assertThat(new InvalidInputException(name, "is unknown").getMessage()).hasSizeLessThan(300)
                .contains("(1000 characters)");
    }
}

package dev.scms.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowsTest {

    @Test
    void storedTimestampsParseLikeInstantParse() {
        SplittableRandom random = new SplittableRandom(11);
        long earliest = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
        long latest = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 20_000; i++) {
            String text = Rows.timestamp(Instant.ofEpochMilli(random.nextLong(earliest, latest + 1)));

            assertThat(Rows.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void calendarEdgesParseLikeInstantParse() {
        for (String text : new String[] {"2024-02-29T23:59:59.999Z", "2023-12-31T00:00:00.000Z",
                "2000-02-29T12:00:00.000Z", "1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z"}) {
            assertThat(Rows.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void otherFormsFallBackToInstantParse() {
        for (String text : new String[] {"2026-03-01T10:00:00Z", "2026-03-01T10:00:00.123456Z",
                "2026-12-31T23:59:60.000Z", "2026-01-01T24:00:00.000Z"}) {
            assertThat(Rows.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void invalidDatesAreRejected() {
        for (String text : new String[] {"2023-02-29T00:00:00.000Z", "2026-13-01T00:00:00.000Z",
                "2026-04-31T00:00:00.000Z", "2026-01-01T00:00:00.0x0Z"}) {
            assertThatThrownBy(() -> Rows.instant(text)).as(text).isInstanceOf(DateTimeException.class);
        }
    }

    @Test
    void emptyTagListIsAnEmptyModifiableList() throws Exception {
        assertThat(Rows.stringList("[]")).isEmpty();
        Rows.stringList("[]").add("added");
        assertThat(Rows.stringList("[\"a\", null, \"b\"]")).containsExactly("a", "b");
    }
}

package dev.scms.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetrievalRecordTest {

    @Test
    void longQueryKeepsSurrogatePairWhole() {
        String query = "q".repeat(RetrievalRecord.MAX_QUERY_CHARS - 1) + "\uD83D\uDE00";

        assertThat(record(query).query()).isEqualTo("q".repeat(RetrievalRecord.MAX_QUERY_CHARS - 1));
    }

    @Test
    void longQueryKeepsCombiningMarkWithBase() {
        String query = "q".repeat(RetrievalRecord.MAX_QUERY_CHARS - 1) + "e\u0301";

        assertThat(record(query).query()).isEqualTo("q".repeat(RetrievalRecord.MAX_QUERY_CHARS - 1));
    }

    @Test
    void shortQueryIsKept() {
        assertThat(record("flaky test").query()).isEqualTo("flaky test");
    }

    private static RetrievalRecord record(String query) {
        return new RetrievalRecord(0, "s", Optional.empty(), query, List.of(), 10, 100, Instant.EPOCH);
    }
}

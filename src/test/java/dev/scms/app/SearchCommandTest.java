package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SearchCommandTest {

    @Test
    void titleAndTextJoinsBoth() {
        assertThat(SearchCommand.titleAndText(memory("SQLite locks", "Set WAL and busy_timeout.\nOn every connection.")))
                .isEqualTo("SQLite locks: Set WAL and busy_timeout. On every connection.");
    }

    @Test
    void titleAndTextSkipsDerivedTitle() {
        assertThat(SearchCommand.titleAndText(memory("Set WAL and…", "Set WAL and busy_timeout.")))
                .isEqualTo("Set WAL and busy_timeout.");
        assertThat(SearchCommand.titleAndText(memory("Set WAL.", "Set WAL."))).isEqualTo("Set WAL.");
    }

    private static Memory memory(String title, String body) {
        Instant now = Instant.parse("2025-03-01T10:00:00Z");
        return new Memory(1, Layer.L0, Kind.PATTERN, title, body, Map.of(), "", Optional.empty(), List.of(), 0.5,
                Status.ACTIVE, now, now, Optional.empty(), 0, 0, 0, 1, "hash", 1, Optional.empty());
    }
}

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

/** The status of a memory in the JSON-lines format: written by export, read back by import. */
class JsonLinesStatusTest {

    private final JsonLines lines = new JsonLines();

    private static Memory memory(Status status, Map<String, Object> details) {
        Instant created = Instant.parse("2024-01-01T00:00:00Z");
        return new Memory(42, Layer.L0, Kind.PATTERN, "Old advice", "Disable fsync to speed up tests.", details, "",
                Optional.empty(), List.of(), 0.5, status, created, created, Optional.empty(), 0, 0, 0, 1, "hash", 1,
                Optional.empty());
    }

    @Test
    void exportWritesStatus() {
        assertThat(lines.write(memory(Status.ACTIVE, Map.of()), id -> "scms-" + id)).contains("\"status\":\"active\"");
        assertThat(lines.write(memory(Status.ARCHIVED, Map.of("archived_reason", "wrong")), id -> "scms-" + id))
                .contains("\"status\":\"archived\"", "\"archived_reason\":\"wrong\"");
    }

    @Test
    void archivedMemoryRoundTrips() {
        String line = lines.write(memory(Status.ARCHIVED, Map.of("archived_reason", "wrong")), id -> "scms-" + id);

        assertThat(lines.parse(line, 1, false).status()).isEqualTo(Status.ARCHIVED);
        assertThat(lines.parse(line, 1, false).details()).containsEntry("archived_reason", "wrong")
                .doesNotContainKey("status");
    }

    @Test
    void handWrittenStatusRead() {
        String line = "{\"text\": \"x\", \"kind\": \"pattern\", \"status\": \"archived\"}";

        assertThat(lines.parse(line, 1, false).status()).isEqualTo(Status.ARCHIVED);
    }

    @Test
    void missingStatusMeansActive() {
        assertThat(lines.parse("{\"text\": \"x\", \"kind\": \"pattern\"}", 1, false).status())
                .isEqualTo(Status.ACTIVE);
    }

    @Test
    void archivedReasonWithoutStatusMeansArchived() {
        String line = "{\"text\": \"x\", \"kind\": \"pattern\", \"archived_reason\": \"\"}";

        assertThat(lines.parse(line, 1, false).status()).isEqualTo(Status.ARCHIVED);
    }

    @Test
    void explicitStatusWinsOverArchivedReason() {
        String line = "{\"text\": \"x\", \"kind\": \"pattern\", \"status\": \"active\", \"archived_reason\": \"old\"}";

        assertThat(lines.parse(line, 1, false).status()).isEqualTo(Status.ACTIVE);
    }

    @Test
    void storedStatusDetailDoesNotHideRealStatus() {
        Memory active = memory(Status.ACTIVE, Map.of("status", "archived"));

        assertThat(lines.write(active, id -> "scms-" + id)).contains("\"status\":\"active\"")
                .doesNotContain("\"status\":\"archived\"");
    }
}

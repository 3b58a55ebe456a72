package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real server on a database with memories and sends no retrieval. The server builds
 * its full-text index in memory once the cache is filled and the model is loaded, so the first
 * retrieval after a quiet start already searches the index instead of FTS5.
 */
class TextIndexStartIT {

    private static final Duration BUILD_WAIT = Duration.ofSeconds(60);
    private static final String BUILT = "Built the full-text index of 16 memories";

    @TempDir
    Path temp;

    @Test
    void indexBuiltWithoutRetrieval() throws Exception {
        Path home = temp.resolve("home");
        Files.createDirectories(home);
        RetrievalQuality.importFile(home, Path.of("src/test/resources/fixtures/lessons.jsonl"));

        try (RawSession server = RawSession.start(home, Files.createDirectories(temp.resolve("project")))) {
            server.requestLine(1, RawSession.initialize(1, "2025-06-18"));
            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

            Instant deadline = Instant.now().plus(BUILD_WAIT);
            while (!stderr(home).contains(BUILT) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(stderr(home)).as("stderr of a server that got no retrieval").contains(BUILT);

            JsonNode retrieved = server.request(2, "tools/call",
                    "{\"name\":\"retrieve_memories\",\"arguments\":{\"query\":\"sqlite database is locked\"}}");
            assertThat(retrieved.at("/result/isError").asBoolean(false)).as("reply %s", retrieved).isFalse();
        }
        assertThat(stderr(home)).doesNotContain("ERROR").containsOnlyOnce("Built the full-text index");
    }

    private static String stderr(Path home) throws java.io.IOException {
        return Files.readString(home.resolve("stderr.log"));
    }
}

package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures how often the relevant lesson comes back in the top 3, through the real import
 * command and the real server. The project's own small fixture set always runs. The
 * development set of real bug reports runs where the shared data folder sits beside the
 * checkout.
 */
class RetrievalQualityIT {

    /**
     * Floors for the development set, set below what the default settings measured on it
     * (35 queries among 225 memories: Hit@3 1.00, Hit@1 0.886, MRR 0.929), so that a real
     * regression fails while one query moving by one rank does not.
     */
    // Measured with the defaults: Hit@1 0.943, Hit@3 1.000, MRR 0.967. The floors leave one
    // query of room for rounding differences of ONNX Runtime between machines.
    private static final double DEV_HIT_AT_3_FLOOR = 0.97;
    private static final double DEV_HIT_AT_1_FLOOR = 0.91;
    private static final double DEV_MRR_FLOOR = 0.94;

    private static final Path DEV_DATA = Path.of("..", "shared", "data");

    @Test
    void fixtureQueriesFindTheirLessonInTopThree(@TempDir Path temp) throws Exception {
        Path memories = resource("fixtures/lessons.jsonl");
        RetrievalQuality.importFile(temp.resolve("home"), memories);

        try (ServerProcess server = ServerProcess.start(temp.resolve("home"), temp, RetrievalQuality.environment())) {
            server.client().initialize();
            RetrievalQuality.Result result = RetrievalQuality.measure(server, resource("fixtures/queries.jsonl"), 5);

            assertThat(result.missedTop3()).isEmpty();
            assertThat(result.hitAt3()).isEqualTo(1.0);
        }
    }

    @Test
    void devSetRelevantLessonIsInTopThree(@TempDir Path temp) throws Exception {
        Path memories = DEV_DATA.resolve("dev-memories.jsonl");
        if (!Files.isRegularFile(memories)) {
            System.err.println("RetrievalQualityIT: development set skipped, " + DEV_DATA.toAbsolutePath().normalize()
                    + " is not beside this checkout");
        }
        assumeTrue(Files.isRegularFile(memories), "skipped: the development set " + DEV_DATA.toAbsolutePath()
                .normalize() + " is not beside this checkout");
        RetrievalQuality.importFile(temp.resolve("home"), memories);

        try (ServerProcess server = ServerProcess.start(temp.resolve("home"), temp, RetrievalQuality.environment())) {
            server.client().initialize();
            RetrievalQuality.Result result = RetrievalQuality.measure(server, DEV_DATA.resolve("dev-queries.jsonl"),
                    5);

            System.err.printf("dev set: %d queries, Hit@1 %.3f, Hit@3 %.3f, MRR %.3f, missed top 3: %s%n",
                    result.queries(), result.hitAt1(), result.hitAt3(), result.mrr(), result.missedTop3());
            assertThat(result.hitAt3()).as("Hit@3, missed %s", result.missedTop3())
                    .isGreaterThanOrEqualTo(DEV_HIT_AT_3_FLOOR);
            assertThat(result.hitAt1()).isGreaterThanOrEqualTo(DEV_HIT_AT_1_FLOOR);
            assertThat(result.mrr()).isGreaterThanOrEqualTo(DEV_MRR_FLOOR);
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(RetrievalQualityIT.class.getClassLoader().getResource(name).toURI());
    }
}

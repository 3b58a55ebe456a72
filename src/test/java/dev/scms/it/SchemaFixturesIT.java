package dev.scms.it;

import static dev.scms.it.CliRun.siblings;
import static dev.scms.it.SharedDatabase.PROTOCOL_VERSION;
import static dev.scms.it.ToolCalls.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Opens the databases that earlier versions of scms wrote with the real server and CLI. The README
 * next to the fixtures describes how each was made. An older database migrates and its vectors
 * still find memories. A database newer than this program is rejected, and no byte of it changes.
 */
@Tag("slow")
class SchemaFixturesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Shares no word with the text of memory 1, so only its vector can find it. */
    private static final String QUERY = "concurrent processes get database locked errors";

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void olderFixtureMigratesAndRetrieves(int version) throws Exception {
        Path database = fixture(version);

        try (RawSession server = RawSession.start(temp.resolve("server"), project(), Map.of("SCMS_DB",
                database.toString()))) {
            server.handshake(PROTOCOL_VERSION);
            JsonNode reply = hybridRetrieval(server);

            JsonNode memories = reply.at("/result/structuredContent/memories");
            assertThat(memories.size()).as("reply %s", reply).isPositive();
            assertThat(memories.get(0).get("id").asLong()).as("reply %s", reply).isEqualTo(1);
        }
        assertThat(Files.exists(database.resolveSibling("scms.db.v" + version + ".bak"))).isTrue();
        CliRun list = cli(database, "list", "--status", "all", "--json");
        assertThat(list.exitCode()).as(list.stderr()).isZero();
        assertThat(JSON.readTree(list.stdout())).hasSize(6);
    }

    /**
     * Retrieves {@link #QUERY} until the reply is in hybrid mode and lists a memory, or 60 s pass.
     * The server loads the model in the background and searches full text alone until then. A v1
     * database has no sentence vectors, which the server computes in the background after the
     * migration, and the cosine with the one vector per memory is below the relevance cut-off for
     * this query.
     */
    private static JsonNode hybridRetrieval(RawSession server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int id = 1; ; id++) {
            JsonNode reply = server.requestLine(id, call(id, "retrieve_memories", Map.of("query", QUERY)));
            boolean found = reply.at("/result/structuredContent/memories").size() > 0;
            String mode = reply.at("/result/structuredContent/mode").asText();
            if ((found && mode.equals("hybrid")) || System.nanoTime() > deadline) {
                assertThat(mode).as("reply %s", reply).isEqualTo("hybrid");
                return reply;
            }
            Thread.sleep(200);
        }
    }

    @Test
    void newerDatabaseIsRejectedUnchanged() throws Exception {
        Path database = fixture(3);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = 99");
        }
        byte[] before = Files.readAllBytes(database);
        List<String> filesBefore = siblings(database);
        String rejection = "has schema version 99, newer than this program's 5; upgrade scms";

        CliRun add = cli(database, "add", "Keep the store on a local disk, not on a network share.");
        assertThat(add.exitCode()).isEqualTo(1);
        assertThat(add.stderr()).contains(rejection);
        CliRun use = cli(database, "use", "1");
        assertThat(use.exitCode()).isEqualTo(1);
        assertThat(use.stderr()).contains(rejection);

        Path home = temp.resolve("server");
        try (RawSession server = RawSession.start(home, project(), Map.of("SCMS_DB", database.toString()))) {
            assertThat(server.awaitExit()).isEqualTo(1);
        }
        assertThat(Files.readString(home.resolve("stderr.log"))).contains(rejection);

        assertThat(Files.readAllBytes(database)).as("bytes of the newer database").isEqualTo(before);
        assertThat(siblings(database)).isEqualTo(filesBefore);
    }

    /** Copies fixture {@code v<version>.db} to {@code data/scms.db} in the temporary folder. */
    private Path fixture(int version) throws Exception {
        Path database = Files.createDirectories(temp.resolve("data")).resolve("scms.db");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/schema/v" + version + ".db")) {
            assertThat(in).as("fixture v%s.db on the test class path", version).isNotNull();
            Files.copy(in, database);
        }
        return database;
    }

    private CliRun cli(Path database, String... args) throws Exception {
        return CliRun.run(temp, project(), database, args);
    }

    /** Returns the working folder of the server and the CLI, created if missing. */
    private Path project() throws IOException {
        return Files.createDirectories(temp.resolve("project"));
    }
}

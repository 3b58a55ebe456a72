package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Several real server processes on one SQLite file, as a JUnit extension for one test method.
 * Register it with {@code @RegisterExtension}. Before each test it creates a temporary folder.
 * Each server gets its own home folder there for its logs, and SCMS_DB points all of them at
 * {@code shared/scms.db}. They share one project folder as their working folder. After each test
 * it stops every server it started and deletes the folder.
 */
final class SharedDatabase implements BeforeEachCallback, AfterEachCallback {

    static final String PROTOCOL_VERSION = "2025-06-18";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<RawSession> servers = new ArrayList<>();
    /** One thread per server in a {@link #runTogether} call, so that all servers get their requests at once. */
    private final ExecutorService clients = Executors.newCachedThreadPool();
    private Path folder;
    private Path database;
    private Path project;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        folder = Files.createTempDirectory("scms-shared-");
        database = folder.resolve("shared").resolve("scms.db");
        project = Files.createDirectories(folder.resolve("project"));
    }

    /** Returns the temporary folder of this test, which contains the database, the project and every home folder. */
    Path folder() {
        return folder;
    }

    Path database() {
        return database;
    }

    Path project() {
        return project;
    }

    /** Starts a server in home folder {@code name} with {@code environment} and SCMS_DB, without a handshake. */
    RawSession start(String name, Map<String, String> environment) throws IOException {
        Map<String, String> withDatabase = new LinkedHashMap<>(environment);
        withDatabase.put("SCMS_DB", database.toString());
        RawSession server = RawSession.start(folder.resolve(name), project, withDatabase);
        servers.add(server);
        return server;
    }

    /** Starts a server as {@link #start} does, then sends initialize and notifications/initialized. */
    RawSession startInitialized(String name, Map<String, String> environment) throws Exception {
        RawSession server = start(name, environment);
        JsonNode reply = server.handshake(PROTOCOL_VERSION);
        assertThat(reply.has("result")).as("initialize reply %s", reply).isTrue();
        return server;
    }

    /**
     * Sends each server its request lines at once, without waiting for replies, all servers at the
     * same time. Returns the replies of each server keyed by request id, in the order of
     * {@code sessions}. The ids are read from the lines.
     */
    List<Map<JsonNode, JsonNode>> runTogether(List<RawSession> sessions, List<List<String>> requests)
            throws Exception {
        List<Future<Map<JsonNode, JsonNode>>> futures = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            futures.add(clients.submit(client(sessions.get(i), requests.get(i))));
        }
        List<Map<JsonNode, JsonNode>> replies = new ArrayList<>();
        for (Future<Map<JsonNode, JsonNode>> future : futures) {
            replies.add(future.get());
        }
        return replies;
    }

    private static Callable<Map<JsonNode, JsonNode>> client(RawSession session, List<String> lines) {
        return () -> {
            List<JsonNode> ids = new ArrayList<>();
            for (String line : lines) {
                session.send(line);
                ids.add(JSON.readTree(line).get("id"));
            }
            return session.awaitReplies(ids);
        };
    }

    /** Runs a query that returns one number, on a connection of its own, with {@code parameters} bound in order. */
    long count(String sql, String... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as("a row from %s", sql).isTrue();
                return rows.getLong(1);
            }
        }
    }

    /** Runs a query that returns one value, on a connection of its own, and returns it as text. */
    String text(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            assertThat(rows.next()).as("a row from %s", sql).isTrue();
            return rows.getString(1);
        }
    }

    /** Stops the client threads, closes every server started here and deletes the folder. */
    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        clients.shutdownNow();
        for (RawSession server : servers) {
            server.close();
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

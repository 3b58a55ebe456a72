package dev.scms.store.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server shared by the tests of one JVM, or the server that
 * {@code SCMS_TEST_POSTGRES_URL} names. The throwaway server runs Debian's {@code initdb} and
 * {@code pg_ctl} from {@code /usr/lib/postgresql/<version>/bin} (or from the PATH) in a temporary
 * folder, listens on a free loopback port with trust authentication and its socket in that folder,
 * and stops at JVM exit. initdb rejects root, so under root both run as the {@code postgres} user
 * through {@code runuser}.
 */
final class TestPostgres {

    /** An existing server for the tests: a JDBC or libpq URL of a role that may create databases. */
    static final String URL_VARIABLE = "SCMS_TEST_POSTGRES_URL";

    private static final String SUPERUSER = "postgres";
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres shared;
    private static Runnable stopAction;
    private static boolean stopped;
    private static String unavailable;

    private final PostgresUrl admin;
    private final List<String> created = new ArrayList<>();

    private TestPostgres(PostgresUrl admin) {
        this.admin = admin;
    }

    /**
     * Returns the shared server, starting it on the first call, or empty with the reason when
     * there is no PostgreSQL to test against.
     */
    static synchronized Optional<TestPostgres> server() {
        if (shared != null) {
            return Optional.of(shared);
        }
        if (unavailable != null) {
            return Optional.empty();
        }
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            shared = new TestPostgres(PostgresUrl.parse(configured, Optional.ofNullable(System.getenv(
                    PostgresUrl.PASSWORD_VARIABLE))));
            // A server that outlives the tests keeps no database of theirs.
            Runtime.getRuntime().addShutdownHook(new Thread(shared::dropDatabases, "scms-test-postgres-drop"));
            return Optional.of(shared);
        }
        Optional<Path> binaries = findBinaries();
        if (binaries.isEmpty()) {
            unavailable = "PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin or on "
                    + "the PATH; install Debian's postgresql package (apt-get install postgresql) or set "
                    + URL_VARIABLE + " to a server's URL";
            return Optional.empty();
        }
        try {
            shared = new TestPostgres(start(binaries.get()));
            return Optional.of(shared);
        } catch (IOException e) {
            throw new IllegalStateException("starting a throwaway PostgreSQL server with " + binaries.get()
                    + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting a throwaway PostgreSQL server", e);
        }
    }

    /** Stops the throwaway server once, if this JVM started one. */
    static void stopOnce() {
        Runnable action;
        synchronized (TestPostgres.class) {
            if (stopped || stopAction == null) {
                return;
            }
            stopped = true;
            action = stopAction;
        }
        action.run();
    }

    /** Returns why {@link #server()} found no server, once it returned empty. */
    static synchronized String unavailableReason() {
        return unavailable == null ? "no PostgreSQL server" : unavailable;
    }

    /** Creates an empty database with a fresh name and returns its URL. */
    PostgresUrl createDatabase() {
        String name = "scms_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.properties());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("creating test database " + name + " on " + admin.display() + " failed: "
                    + e.getMessage(), e);
        }
        synchronized (created) {
            created.add(name);
        }
        return admin.withDatabase(name);
    }

    private void dropDatabases() {
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.properties());
                Statement statement = connection.createStatement()) {
            synchronized (created) {
                for (String name : created) {
                    statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            }
        } catch (SQLException e) {
            System.err.println("dropping the test databases on " + admin.display() + " failed: " + e.getMessage());
        }
    }

    /** Returns the URL of the server's administrative database. */
    PostgresUrl adminUrl() {
        return admin;
    }

    private static Optional<Path> findBinaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(version -> version.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                        .max(Comparator.comparingInt(TestPostgres::majorVersion));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                // Fall through to the PATH.
            }
        }
        String path = System.getenv("PATH");
        for (String folder : path == null ? new String[0] : path.split(":")) {
            Path bin = Path.of(folder);
            if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))) {
                return Optional.of(bin);
            }
        }
        return Optional.empty();
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static PostgresUrl start(Path bin) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path folder = Files.createTempDirectory("scms-postgres-");
        Path data = folder.resolve("data");
        Path log = folder.resolve("server.log");
        if (root) {
            giveToPostgresUser(folder);
        }
        run(root, folder, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER, "-A", "trust",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        int port = freePort();
        String options = "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        run(root, folder, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-o", options,
                "-w", "-t", String.valueOf(START_TIMEOUT_SECONDS), "start");
        stopAction = () -> stop(root, bin, folder, data);
        // The test engine stops the server when the run ends (see PostgresExtension); the hook covers other exits.
        Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stopOnce, "scms-test-postgres-stop"));
        return PostgresUrl.parse("postgresql://" + SUPERUSER + "@127.0.0.1:" + port + "/postgres", Optional.empty());
    }

    private static void stop(boolean root, Path bin, Path folder, Path data) {
        try {
            run(root, folder, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
            deleteRecursively(folder);
        } catch (IOException e) {
            System.err.println("stopping the throwaway PostgreSQL server in " + folder + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a server tool, as the postgres user when this JVM runs as root, and fails with its output. */
    private static void run(boolean root, Path folder, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (root) {
            line.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        line.addAll(List.of(command));
        Path output = folder.resolve("tool-output.txt");
        Process process = new ProcessBuilder(line).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(START_TIMEOUT_SECONDS * 2, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", line) + " did not finish within " + START_TIMEOUT_SECONDS * 2 + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", line) + " exited with " + process.exitValue() + ": "
                    + Files.readString(output));
        }
    }

    private static void giveToPostgresUser(Path folder) throws IOException {
        UserPrincipalLookupService lookup = folder.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(SUPERUSER);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(SUPERUSER);
        PosixFileAttributeView view = Files.getFileAttributeView(folder, PosixFileAttributeView.class);
        view.setOwner(user);
        view.setGroup(group);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

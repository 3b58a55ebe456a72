package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.store.postgres.PostgresExtension;
import dev.scms.store.postgres.PostgresUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team set-up end to end: tokens made with {@code scms token create} in a real PostgreSQL
 * store, a real {@code scms serve --http} on that store, and two users' MCP clients whose uses
 * make a pattern eligible under the team rule.
 */
@ExtendWith(PostgresExtension.class)
class HttpPostgresIT {

    @TempDir
    Path folder;

    @Test
    void twoUsersOnPostgresMakePatternEligible() throws Exception {
        PostgresUrl url = PostgresExtension.database();
        Path project = Files.createDirectories(folder.resolve("project"));
        Path unused = folder.resolve("data").resolve("scms.db");
        String alice = createToken(project, unused, url, "alice");
        String bob = createToken(project, unused, url, "bob");

        try (HttpServerProcess server = HttpServerProcess.start(folder, unused,
                "127.0.0.1:" + HttpServerProcess.freePort(), "--store-url", url.display())) {
            HttpServeIT.teamRuleMakesPatternEligible(server.client(alice), server.client(bob));
        }

        assertThat(count(url, "SELECT COUNT(DISTINCT \"user\") FROM uses")).isEqualTo(2);
        assertThat(count(url, "SELECT COUNT(*) FROM access_tokens WHERE revoked_at IS NULL")).isEqualTo(2);
        assertThat(Files.exists(unused)).as("no SQLite file is created beside a PostgreSQL store").isFalse();
    }

    private String createToken(Path project, Path database, PostgresUrl url, String user) throws Exception {
        CliRun run = CliRun.run(folder, project, database, "token", "create", "--user", user, "--store-url",
                url.display());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String[] words = run.stdout().strip().split("\\s+");
        return words[words.length - 1];
    }

    private static long count(PostgresUrl url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.properties());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

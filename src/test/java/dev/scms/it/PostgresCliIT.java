package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.store.postgres.PostgresExtension;
import dev.scms.store.postgres.PostgresUrl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real jar against a real PostgreSQL server: migrate a SQLite store, then use the PostgreSQL store. */
@ExtendWith(PostgresExtension.class)
class PostgresCliIT {

    @TempDir
    Path temp;

    private record Result(int exitCode, String stdout, String stderr) {
    }

    @Test
    void migrateThenServeFromPostgres() throws Exception {
        Path home = temp.resolve("home");
        Path project = Files.createDirectory(temp.resolve("project"));
        PostgresUrl url = PostgresExtension.database();
        String target = url.display();

        assertThat(run(home, project, Map.of(), "add", "Set journal_mode=WAL and busy_timeout on every SQLite "
                + "connection.", "--title", "Enable WAL for SQLite", "--tags", "sqlite").exitCode()).isZero();
        assertThat(run(home, project, Map.of(), "add", "Run Gradle with --no-daemon in CI.").exitCode()).isZero();

        Result migrated = run(home, project, Map.of(), "migrate", "--to", "postgres", target);
        assertThat(migrated.exitCode()).as(migrated.stderr()).isZero();
        assertThat(migrated.stdout()).contains("TABLE", "memories", "embeddings", "Copied").doesNotContain("MISMATCH");

        Result again = run(home, project, Map.of(), "migrate", "--to", "postgres", target);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).contains("is not empty", "--replace");

        Map<String, String> team = Map.of("SCMS_STORE_URL", target);
        Result found = run(home, project, team, "search", "database is locked", "sqlite");
        assertThat(found.exitCode()).as(found.stderr()).isZero();
        assertThat(found.stdout()).contains("Enable WAL for SQLite");

        assertThat(run(home, project, team, "add", "Pin the JDK version in CI images.").exitCode()).isZero();
        Result listed = run(home, project, team, "list");
        assertThat(listed.stdout()).contains("Pin the JDK version");

        Result doctor = run(home, project, team, "doctor");
        assertThat(doctor.stdout()).contains("PostgreSQL store " + target + " reached", "do not apply");
    }

    @Test
    void unreachableStoreFailsWithUrl() throws Exception {
        Path project = Files.createDirectory(temp.resolve("project"));
        Map<String, String> team = Map.of("SCMS_STORE_URL", "postgresql://scms:hunter2@127.0.0.1:1/scms");

        Result listed = run(temp.resolve("home"), project, team, "list");

        assertThat(listed.exitCode()).isEqualTo(1);
        assertThat(listed.stderr()).contains("cannot reach", "postgresql://scms@127.0.0.1:1/scms")
                .doesNotContain("hunter2");
        Result doctor = run(temp.resolve("home"), project, team, "doctor");
        assertThat(doctor.exitCode()).isEqualTo(1);
        assertThat(doctor.stdout()).contains("cannot reach").doesNotContain("hunter2")
                .contains("SCMS_STORE_PASSWORD", "<replace with the password>");
    }

    @Test
    void badUrlsAreUsageErrors() throws Exception {
        Path project = Files.createDirectory(temp.resolve("project"));

        Result listed = run(temp.resolve("home"), project, Map.of("SCMS_STORE_URL", "mysql://db/scms"), "list");

        assertThat(listed.exitCode()).isEqualTo(2);
        assertThat(listed.stderr()).contains("invalid setting store_url", "mysql://db/scms");
        Result otherKind = run(temp.resolve("home"), project, Map.of(), "migrate", "--to", "mysql",
                "postgresql://db/scms");
        assertThat(otherKind.exitCode()).isEqualTo(2);
        assertThat(otherKind.stderr()).contains("invalid value for --to: 'mysql'");
        Result badUrl = run(temp.resolve("home"), project, Map.of(), "migrate", "--to", "postgres",
                "postgresql://scms:hunter2@db:port/scms");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.stderr()).contains("is invalid", "port \"port\"").doesNotContain("hunter2");
    }

    private Result run(Path home, Path workingFolder, Map<String, String> environment, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-XX:+UseSerialGC", "-jar", ServerProcess.jar().toString()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(temp, "stderr", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingFolder.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("SCMS_HOME", home.toString());
        builder.environment().remove("SCMS_STORE_URL");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), stdout, Files.readString(stderr));
    }
}

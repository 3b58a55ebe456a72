package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code scms token create, list and revoke} from the built jar on a temporary database. */
class TokenCliIT {

    @TempDir
    Path folder;

    private Path project;
    private Path database;

    @BeforeEach
    void folders() throws Exception {
        project = Files.createDirectories(folder.resolve("project"));
        database = folder.resolve("data").resolve("scms.db");
    }

    @Test
    void createPrintsTokenAsLastWord() throws Exception {
        CliRun run = cli("token", "create", "--user", "alice");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String token = lastWord(run.stdout());
        assertThat(token).matches("scms_[A-Za-z0-9_-]{43}");
        assertThat(run.stdout()).contains("Created token 1 for user alice.");
    }

    @Test
    void databaseKeepsOnlyHash() throws Exception {
        String token = lastWord(cli("token", "create", "--user", "alice").stdout());

        byte[] file = Files.readAllBytes(database);
        assertThat(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(token.substring(5));
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT user_name, length(token_hash) FROM access_tokens")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("alice");
            assertThat(rows.getInt(2)).isEqualTo(64);
        }
    }

    @Test
    void listShowsTokensWithoutSecret() throws Exception {
        String alice = lastWord(cli("token", "create", "--user", "alice").stdout());
        String bob = lastWord(cli("token", "create", "--user", "bob").stdout());
        cli("token", "revoke", "1");

        CliRun list = cli("token", "list");
        CliRun json = cli("token", "list", "--json");

        assertThat(list.exitCode()).as(list.stderr()).isZero();
        assertThat(list.stdout()).contains("alice").contains("bob").contains(alice.substring(0, 11))
                .contains("revoked").contains("active").contains("never");
        assertThat(list.stdout()).doesNotContain(alice).doesNotContain(bob);
        assertThat(json.stdout()).contains("\"user\" : \"alice\"").contains("\"active\" : false")
                .contains("\"revoked_at\"").doesNotContain(alice).doesNotContain(bob);
    }

    @Test
    void revokeByIdAndByUser() throws Exception {
        cli("token", "create", "--user", "alice");
        cli("token", "create", "--user", "bob");
        cli("token", "create", "--user", "bob");

        CliRun byId = cli("token", "revoke", "1");
        CliRun byUser = cli("token", "revoke", "--user", "bob");

        assertThat(byId.exitCode()).as(byId.stderr()).isZero();
        assertThat(byId.stdout()).startsWith("Revoked token 1 (scms_").contains("of user alice.");
        assertThat(byUser.exitCode()).as(byUser.stderr()).isZero();
        assertThat(byUser.stdout()).contains("Revoked 2 tokens of user bob.");
    }

    @Test
    void badInputGetsClearErrors() throws Exception {
        cli("token", "create", "--user", "alice");

        CliRun noUser = cli("token", "create");
        CliRun badName = cli("token", "create", "--user", "alice smith");
        CliRun unknownId = cli("token", "revoke", "42");
        CliRun twice = cli("token", "revoke", "--user", "carol");
        CliRun nothing = cli("token", "revoke");

        assertThat(noUser.exitCode()).isEqualTo(2);
        assertThat(noUser.stderr()).contains("scms: invalid --user: missing; pass --user NAME");
        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.stderr()).contains("'alice smith' is not a valid user name");
        assertThat(unknownId.exitCode()).isEqualTo(2);
        assertThat(unknownId.stderr()).contains("no token has id 42; scms token list shows the ids");
        assertThat(twice.stderr()).contains("user carol has no active token");
        assertThat(nothing.stderr()).contains("pass a token ID");
    }

    @Test
    void listShowsLongUserNamesWhole() throws Exception {
        String name = "u".repeat(60) + "-end";
        cli("token", "create", "--user", name);

        CliRun list = cli("token", "list");

        assertThat(list.exitCode()).as(list.stderr()).isZero();
        assertThat(list.stdout()).contains(name);
    }

    @Test
    void revokeWithTextIdNamesTokenId() throws Exception {
        CliRun run = cli("token", "revoke", "abc");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("ID must be a token id, a whole number, got 'abc'")
                .doesNotContain("memory id");
    }

    @Test
    void helpMentionsHttpServing() throws Exception {
        CliRun run = cli("--help");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).containsPattern("serve +Serve MCP over stdio[^.]*--http");
    }

    private CliRun cli(String... args) throws Exception {
        return CliRun.run(folder, project, database, args);
    }

    private static String lastWord(String text) {
        String[] words = text.strip().split("\\s+");
        return words[words.length - 1];
    }
}

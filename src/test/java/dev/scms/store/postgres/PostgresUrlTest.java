package dev.scms.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresUrlTest {

    @Test
    void libpqUrlSplitsIntoParts() {
        PostgresUrl url = PostgresUrl.parse("postgresql://scms:s3cret@db.example:6543/memory?sslmode=require",
                Optional.empty());

        assertThat(url.hosts()).isEqualTo("db.example:6543");
        assertThat(url.database()).isEqualTo("memory");
        assertThat(url.user()).isEqualTo("scms");
        assertThat(url.password()).contains("s3cret");
        assertThat(url.parameters()).containsEntry("sslmode", "require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/memory?sslmode=require");
        assertThat(url.display()).isEqualTo("postgresql://scms@db.example:6543/memory?sslmode=require");
        assertThat(url.properties()).containsEntry("user", "scms").containsEntry("password", "s3cret");
    }

    @Test
    void postgresSchemeAndDefaultPort() {
        PostgresUrl url = PostgresUrl.parse("postgres://scms@db.example/scms", Optional.empty());

        assertThat(url.hosts()).isEqualTo("db.example:5432");
        assertThat(url.password()).isEmpty();
    }

    @Test
    void jdbcUrlTakesUserFromParameters() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://127.0.0.1:5433/scms?user=ann&password=pw&ssl=true",
                Optional.empty());

        assertThat(url.user()).isEqualTo("ann");
        assertThat(url.password()).contains("pw");
        assertThat(url.parameters()).containsOnlyKeys("ssl");
        assertThat(url.display()).doesNotContain("pw");
    }

    @Test
    void passwordFallbackOnlyWhenUrlHasNone() {
        assertThat(PostgresUrl.parse("postgresql://scms@db/scms", Optional.of("from-env")).password())
                .contains("from-env");
        assertThat(PostgresUrl.parse("postgresql://scms:in-url@db/scms", Optional.of("from-env")).password())
                .contains("in-url");
    }

    @Test
    void percentEscapesAreDecoded() {
        PostgresUrl url = PostgresUrl.parse("postgresql://scms:p%40ss%2Fword@db/scms", Optional.empty());

        assertThat(url.password()).contains("p@ss/word");
    }

    @Test
    void ipv6HostKeepsItsPort() {
        assertThat(PostgresUrl.parse("postgresql://scms@[::1]:5433/scms", Optional.empty()).hosts())
                .isEqualTo("[::1]:5433");
        assertThat(PostgresUrl.parse("postgresql://scms@[::1]/scms", Optional.empty()).hosts())
                .isEqualTo("[::1]:5432");
    }

    @Test
    void missingDatabaseIsNamedLikeUser() {
        assertThat(PostgresUrl.parse("postgresql://ann@db", Optional.empty()).database()).isEqualTo("ann");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql://scms:hunter2@db/scms", "postgresql:/db/scms", "postgresql://scms:hunter2@db:0/x",
        "postgresql://scms:hunter2@db:port/x", "postgresql://scms:hunter2@db/a/b", "postgresql://scms:hunter2@db/x?novalue"})
    void invalidUrlNamesItWithoutPassword(String text) {
        assertThatThrownBy(() -> PostgresUrl.parse(text, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store URL")
                .hasMessageContaining("is invalid")
                .message().doesNotContain("hunter2");
    }

    @Test
    void maskedHidesPasswords() {
        assertThat(PostgresUrl.masked("postgresql://scms:hunter2@db/scms")).isEqualTo("postgresql://scms:***@db/scms");
        assertThat(PostgresUrl.masked("jdbc:postgresql://db/scms?password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/scms?password=***&ssl=true");
    }
}

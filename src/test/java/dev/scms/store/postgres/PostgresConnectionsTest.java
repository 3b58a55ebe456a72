package dev.scms.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.store.StoreBusyException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checks the messages that failures of the PostgreSQL driver turn into, without a server. */
class PostgresConnectionsTest {

    private static final PostgresUrl URL = PostgresUrl.parse("postgresql://scms:secret-word@db.example:5432/team",
            Optional.empty());
    private static final Duration BUSY = Duration.ofSeconds(5);

    @Test
    void unresolvableHostIsNamed() {
        SQLException failure = new SQLException("The connection attempt failed.", "08001",
                new UnknownHostException("db.example"));

        assertThat(PostgresConnections.translate(URL, BUSY, "open", failure).getMessage())
                .contains("the host name db.example could not be resolved").contains("postgresql://scms@db.example")
                .doesNotContain("secret-word");
    }

    @Test
    void driverSentenceLosesItsPeriodInsideTheMessage() {
        SQLException failure = new SQLException("Connection to 127.0.0.1:1 refused. Check that the hostname and port"
                + " are correct and that the postmaster is accepting TCP/IP connections.", "08001");

        assertThat(PostgresConnections.translate(URL, BUSY, "open", failure).getMessage())
                .contains("accepting TCP/IP connections; check that the server runs").doesNotContain(".;");
    }

    @Test
    void terminatedConnectionSaysTheStoreCannotBeReached() {
        SQLException failure = new SQLException("FATAL: terminating connection due to administrator command", "57P01");

        assertThat(PostgresConnections.translate(URL, BUSY, "find of memory 3", failure).getMessage())
                .contains("cannot reach PostgreSQL store postgresql://scms@db.example").contains("check that the server runs");
    }

    @Test
    void lockTimeoutIsBusy() {
        SQLException failure = new SQLException("canceling statement due to lock timeout", "55P03");

        assertThat(PostgresConnections.translate(URL, BUSY, "insert", failure)).isInstanceOf(StoreBusyException.class)
                .hasMessageEndingWith("try again");
    }
}

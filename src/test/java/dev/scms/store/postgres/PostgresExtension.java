package dev.scms.store.postgres;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the test class, with the reason, when no PostgreSQL server is available, and otherwise
 * makes sure that the shared test server runs. Tests call {@link #database()} for a database of
 * their own.
 */
public final class PostgresExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Assumptions.assumeTrue(TestPostgres.server().isPresent(), TestPostgres::unavailableReason);
        // JUnit closes the root store's resources when the test run ends, before the JVM exits.
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(TestPostgres.class,
                key -> (AutoCloseable) TestPostgres::stopOnce);
    }

    /** Creates an empty database on the shared server and returns its URL. */
    public static PostgresUrl database() {
        return TestPostgres.server().orElseThrow(() -> new IllegalStateException(TestPostgres.unavailableReason()))
                .createDatabase();
    }

    /** Returns the URL of the shared server's administrative database. */
    public static PostgresUrl adminUrl() {
        return TestPostgres.server().orElseThrow(() -> new IllegalStateException(TestPostgres.unavailableReason()))
                .adminUrl();
    }
}

package dev.scms.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.model.Memory;
import dev.scms.model.Outcome;
import dev.scms.store.InsertResult;
import dev.scms.store.MemoryFilter;
import dev.scms.store.MemoryStore;
import dev.scms.store.MemoryStoreContract;
import dev.scms.store.StoreBusyException;
import dev.scms.store.StoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs the store contract, and the checks that only a PostgreSQL store has, against a real server. */
@ExtendWith(PostgresExtension.class)
class PostgresMemoryStoreIT extends MemoryStoreContract {

    private PostgresUrl url;

    @Override
    protected MemoryStore openStore(Clock clock) {
        url = PostgresExtension.database();
        return PostgresMemoryStore.open(url, clock, PostgresStoreSettings.defaults());
    }

    @Override
    protected MemoryStore openSecondStore() {
        return PostgresMemoryStore.open(url, Clock.fixed(NOW, ZoneOffset.UTC), PostgresStoreSettings.defaults());
    }

    @Override
    protected MemoryStore openStoreKeepingRetrievals(Clock clock, int maxRetrievals) {
        return PostgresMemoryStore.open(PostgresExtension.database(), clock,
                PostgresStoreSettings.defaults().withMaxRetrievals(maxRetrievals));
    }

    @Test
    void locationOmitsPassword() {
        PostgresUrl withPassword = url.withParameter("sslmode", "disable");
        PostgresUrl secret = new PostgresUrl(withPassword.hosts(), withPassword.database(), withPassword.user(),
                Optional.of("hunter2"), withPassword.parameters());
        try (PostgresMemoryStore opened = PostgresMemoryStore.open(secret, fixedClock(),
                PostgresStoreSettings.defaults())) {
            assertThat(opened.location()).startsWith("postgresql://").doesNotContain("hunter2")
                    .contains(url.database());
        }
    }

    @Test
    void storeIdIsKeptInTheDatabase() {
        try (MemoryStore second = openSecondStore()) {
            assertThat(store.storeId()).matches("[0-9a-f]{12}");
            assertThat(second.storeId()).isEqualTo(store.storeId());
        }
    }

    @Test
    void newerSchemaIsRejected() throws SQLException {
        execute(url, "UPDATE schema_version SET version = " + (PostgresMigrations.latest() + 1));

        assertThatThrownBy(this::openSecondStore).isInstanceOf(StoreException.class)
                .hasMessageContaining("has schema version " + (PostgresMigrations.latest() + 1))
                .hasMessageContaining("upgrade scms");
    }

    @Test
    void writeWaitingForLockRaisesBusy() throws SQLException {
        PostgresMemoryStore impatient = (PostgresMemoryStore) track(PostgresMemoryStore.open(url, fixedClock(),
                PostgresStoreSettings.defaults().withBusyTimeout(Duration.ofMillis(200))));
        try (Connection holder = DriverManager.getConnection(url.jdbcUrl(), url.properties())) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + PostgresConnections.WRITE_LOCK + ")");
            }

            assertThatThrownBy(() -> impatient.insert(pattern("blocked", Optional.empty()), Optional.empty()))
                    .isInstanceOf(StoreBusyException.class).hasMessageContaining("is busy")
                    .hasMessageContaining(url.display());
            holder.rollback();
        }
        assertThat(impatient.insert(pattern("after the lock", Optional.empty()), Optional.empty()).id()).isPositive();
    }

    @Test
    void closedIdleConnectionIsReplaced() throws SQLException {
        PostgresMemoryStore checking = (PostgresMemoryStore) track(PostgresMemoryStore.open(url, fixedClock(),
                PostgresStoreSettings.defaults().withIdleCheck(Duration.ZERO)));
        Memory memory = checking.insert(pattern("survives a restart", Optional.empty()), Optional.empty());

        execute(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid()");

        assertThat(checking.find(memory.id())).map(Memory::title).contains("survives a restart");
    }

    @Test
    void terminatedConnectionsReplaced() throws SQLException {
        PostgresMemoryStore pooled = (PostgresMemoryStore) track(PostgresMemoryStore.open(url, fixedClock(),
                PostgresStoreSettings.defaults()));
        Memory memory = pooled.insert(pattern("kept across a restart", Optional.empty()), Optional.empty());
        String terminate = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid()";

        execute(url, terminate);
        assertThat(pooled.find(memory.id())).map(Memory::title).contains("kept across a restart");

        execute(url, terminate);
        assertThat(pooled.insert(pattern("written after a restart", Optional.empty()), Optional.empty()).id())
                .isPositive();
    }

    @Test
    void unreachableServerNamesUrl() {
        PostgresUrl closed = PostgresUrl.parse("postgresql://scms:secret-word@127.0.0.1:1/scms", Optional.empty());

        assertThatThrownBy(() -> PostgresMemoryStore.open(closed, fixedClock(), PostgresStoreSettings.defaults()))
                .isInstanceOf(StoreException.class).hasMessageContaining("cannot reach")
                .hasMessageContaining("postgresql://scms@127.0.0.1:1/scms").message().doesNotContain("secret-word")
                .doesNotContain(".;");
    }

    @Test
    void unknownRoleIsRejectedByName() {
        PostgresUrl stranger = new PostgresUrl(url.hosts(), url.database(), "no_such_role", Optional.of("secret-word"),
                url.parameters());

        assertThatThrownBy(() -> PostgresMemoryStore.open(stranger, fixedClock(), PostgresStoreSettings.defaults()))
                .isInstanceOf(StoreException.class).hasMessageContaining("rejected user no_such_role")
                .hasMessageContaining(PostgresUrl.PASSWORD_VARIABLE).message().doesNotContain("secret-word");
    }

    @Test
    void roleWithoutCreateOpensCurrentSchema() throws SQLException {
        String role = "scms_writer_" + ProcessHandle.current().pid();
        execute(url, "CREATE ROLE " + role + " LOGIN");
        execute(url, "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role);
        execute(url, "GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + role);
        PostgresUrl writer = new PostgresUrl(url.hosts(), url.database(), role, Optional.empty(), url.parameters());

        try (PostgresMemoryStore opened = PostgresMemoryStore.open(writer, fixedClock(),
                PostgresStoreSettings.defaults())) {
            assertThat(opened.insert(pattern("written by a plain role", Optional.empty()), Optional.empty()).id())
                    .isPositive();
            assertThat(opened.storeId()).isEqualTo(store.storeId());
        } finally {
            // Roles belong to the whole server, which SCMS_TEST_POSTGRES_URL may name, so the test removes its own.
            execute(url, "DROP OWNED BY " + role);
            execute(url, "DROP ROLE " + role);
        }
    }

    @Test
    void missingDatabaseSaysHowToCreateIt() {
        PostgresUrl missing = url.withDatabase("no_such_database");

        assertThatThrownBy(() -> PostgresMemoryStore.open(missing, fixedClock(), PostgresStoreSettings.defaults()))
                .isInstanceOf(StoreException.class).hasMessageContaining("database no_such_database does not exist")
                .hasMessageContaining(missing.display());
    }

    @Test
    void parallelWritesStayExact() throws Exception {
        MemoryStore second = track(openSecondStore());
        List<String> titles = List.of("alpha", "beta", "gamma", "delta", "epsilon");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<InsertResult>>> inserts = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                MemoryStore target = thread % 2 == 0 ? store : second;
                Callable<List<InsertResult>> task = () -> {
                    start.await();
                    List<InsertResult> results = new ArrayList<>();
                    for (String title : titles) {
                        results.add(target.insertUnlessPresent(pattern(title, Optional.empty()), Optional.empty()));
                    }
                    return results;
                };
                inserts.add(executor.submit(task));
            }
            start.countDown();
            List<InsertResult> results = new ArrayList<>();
            for (Future<List<InsertResult>> future : inserts) {
                results.addAll(future.get(60, TimeUnit.SECONDS));
            }
            assertThat(results).filteredOn(InsertResult::inserted).hasSize(titles.size());
            assertThat(store.count(MemoryFilter.all(100))).isEqualTo(titles.size());

            Memory target = store.list(MemoryFilter.all(1)).get(0);
            List<Future<Object>> uses = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                MemoryStore writer = thread % 2 == 0 ? store : second;
                uses.add(executor.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        writer.recordUse(use(target.id(), "user-" + i % 4, Outcome.HELPFUL, NOW));
                    }
                    return null;
                }));
            }
            for (Future<Object> future : uses) {
                future.get(60, TimeUnit.SECONDS);
            }
            assertThat(second.find(target.id()).orElseThrow().helpfulCount()).isEqualTo(400);
        } finally {
            executor.shutdownNow();
        }
    }

    private static Clock fixedClock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    private static void execute(PostgresUrl target, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), target.properties());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

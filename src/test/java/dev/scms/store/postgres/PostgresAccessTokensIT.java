package dev.scms.store.postgres;

import dev.scms.store.AccessTokensContract;
import dev.scms.store.MemoryStore;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs the bearer-token contract against a PostgreSQL store on a real server. */
@ExtendWith(PostgresExtension.class)
class PostgresAccessTokensIT extends AccessTokensContract {

    private PostgresUrl url;

    @Override
    protected MemoryStore openStore() {
        url = PostgresExtension.database();
        return openSecondStore();
    }

    @Override
    protected MemoryStore openSecondStore() {
        return PostgresMemoryStore.open(url, Clock.fixed(CREATED, ZoneOffset.UTC), PostgresStoreSettings.defaults());
    }
}

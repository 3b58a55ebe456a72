package dev.scms.store.sqlite;

import dev.scms.store.AccessTokensContract;
import dev.scms.store.MemoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.io.TempDir;

class SqliteAccessTokensTest extends AccessTokensContract {

    @TempDir
    Path folder;

    @Override
    protected MemoryStore openStore() {
        return SqliteMemoryStore.open(folder.resolve("scms.db"), Clock.fixed(CREATED, ZoneOffset.UTC));
    }

    @Override
    protected MemoryStore openSecondStore() {
        return openStore();
    }
}

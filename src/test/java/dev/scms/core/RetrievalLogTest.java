package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.store.MemoryStore;
import dev.scms.store.RetrievalRecord;
import dev.scms.store.StoreException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrievalLogTest {

    private static final Instant START = Instant.parse("2025-01-06T09:00:00Z");
    private static final RetrievalRecord RECORD = new RetrievalRecord(0, "s", Optional.empty(), "query",
            List.of(1L), 3, 10, START);

    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void failedWriteReturnsNoId() {
        RetrievalLog log = new RetrievalLog(store(false), Clock.fixed(START, ZoneOffset.UTC));

        assertThat(log.write(RECORD)).isEmpty();
        assertThat(log.write(RECORD)).isEmpty();
        assertThat(attempts).hasValue(2);
    }

    @Test
    void writtenRowReturnsItsId() {
        RetrievalLog log = new RetrievalLog(store(true), Clock.fixed(START, ZoneOffset.UTC));

        assertThat(log.write(RECORD)).contains(41L);
    }

    /** Returns a store whose logRetrieval returns 41, or throws as a read-only database does. */
    private MemoryStore store(boolean writable) {
        return (MemoryStore) Proxy.newProxyInstance(MemoryStore.class.getClassLoader(),
                new Class<?>[] {MemoryStore.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("logRetrieval")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    attempts.incrementAndGet();
                    if (!writable) {
                        throw new StoreException("logging a retrieval failed in database /tmp/scms.db: "
                                + "[SQLITE_READONLY] attempt to write a readonly database");
                    }
                    return 41L;
                });
    }
}

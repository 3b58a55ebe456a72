package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.store.AccessToken;
import dev.scms.store.AccessTokens;
import dev.scms.store.sqlite.SqliteMemoryStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokensTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    java.nio.file.Path folder;

    private final MutableClock clock = new MutableClock(START);
    private SqliteMemoryStore store;
    private BearerTokens tokens;

    @BeforeEach
    void open() {
        store = SqliteMemoryStore.open(folder.resolve("scms.db"), clock);
        tokens = new BearerTokens(store.accessTokens(), new SecureRandom(), clock, Runnable::run);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void issuedTokenIsPrefixedUrlSafe() {
        String token = tokens.issue("alice").token();

        assertThat(token).startsWith("scms_");
        // 32 random bytes are 43 characters of Base64 without padding.
        assertThat(token).hasSize("scms_".length() + 43);
        assertThat(token.substring(5)).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void storeKeepsHashNotToken() {
        BearerTokens.Issued issued = tokens.issue("alice");

        AccessToken stored = store.accessTokens().list().get(0);
        assertThat(stored.hash()).isEqualTo(BearerTokens.hash(issued.token()));
        assertThat(stored.hash()).hasSize(64).doesNotContain(issued.token().substring(5));
        assertThat(stored.prefix()).isEqualTo(issued.token().substring(0, 11));
        assertThat(stored.user()).isEqualTo("alice");
    }

    @Test
    void twoTokensDiffer() {
        assertThat(tokens.issue("alice").token()).isNotEqualTo(tokens.issue("alice").token());
    }

    @Test
    void authenticateReturnsTokenOfUser() {
        String token = tokens.issue("alice").token();

        assertThat(tokens.authenticate(token)).map(AccessToken::user).contains("alice");
    }

    @Test
    void authenticateRejectsWrongTokens() {
        String token = tokens.issue("alice").token();

        assertThat(tokens.authenticate(token + "x")).isEmpty();
        assertThat(tokens.authenticate("scms_" + "A".repeat(43))).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
    }

    @Test
    void revokedTokenFailsAuthentication() {
        BearerTokens.Issued issued = tokens.issue("alice");

        AccessToken revoked = tokens.revoke(issued.stored().id());

        assertThat(revoked.revokedAt()).contains(START);
        assertThat(tokens.authenticate(issued.token())).isEmpty();
    }

    @Test
    void revokeUserRevokesAllItsTokens() {
        String first = tokens.issue("alice").token();
        String second = tokens.issue("alice").token();
        String bob = tokens.issue("bob").token();

        assertThat(tokens.revokeUser("alice")).isEqualTo(2);

        assertThat(tokens.authenticate(first)).isEmpty();
        assertThat(tokens.authenticate(second)).isEmpty();
        assertThat(tokens.authenticate(bob)).isPresent();
    }

    @Test
    void revokeUnknownIdNamesIt() {
        assertThatThrownBy(() -> tokens.revoke(42)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no token has id 42").hasMessageContaining("scms token list");
    }

    @Test
    void revokeTwiceSaysAlreadyRevoked() {
        long id = tokens.issue("alice").stored().id();
        tokens.revoke(id);

        assertThatThrownBy(() -> tokens.revoke(id)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already revoked");
    }

    @Test
    void revokeUserWithoutTokensFails() {
        assertThatThrownBy(() -> tokens.revokeUser("carol")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("carol has no active token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-alice", "alice smith", "al/ice", "ålice"})
    void invalidUserNamesRejected(String name) {
        assertThatThrownBy(() -> tokens.issue(name)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a valid user name");
        assertThat(store.accessTokens().list()).isEmpty();
    }

    @Test
    void tooLongUserNameRejected() {
        assertThatThrownBy(() -> tokens.issue("a".repeat(65))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1 to 64");
    }

    @Test
    void validUserNamesAccepted() {
        for (String name : List.of("alice", "bob.smith", "c_d-e", "dev@example.com", "A1")) {
            assertThat(tokens.issue(name).stored().user()).isEqualTo(name);
        }
    }

    @Test
    void lastUseRecordedAtMostOncePerMinute() {
        BearerTokens.Issued issued = tokens.issue("alice");
        long id = issued.stored().id();

        tokens.authenticate(issued.token());
        assertThat(lastUse(id)).contains(START);

        clock.advance(Duration.ofSeconds(30));
        tokens.authenticate(issued.token());
        assertThat(lastUse(id)).as("last use 30 s later").contains(START);

        clock.advance(Duration.ofSeconds(31));
        tokens.authenticate(issued.token());
        assertThat(lastUse(id)).as("last use 61 s later").contains(START.plusSeconds(61));
    }

    private Optional<Instant> lastUse(long id) {
        return store.accessTokens().find(id).orElseThrow().lastUsedAt();
    }

    @Test
    void authenticateSkipsLastUseWait() throws InterruptedException {
        BearerTokens.Issued issued = tokens.issue("alice");
        CountDownLatch release = new CountDownLatch(1);
        AccessTokens blocking = new BlockingMarkUsed(store.accessTokens(), release);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            BearerTokens check = new BearerTokens(blocking, new SecureRandom(), clock, writer);
            assertThat(check.authenticate(issued.token())).as("while the write waits for the lock").isPresent();
            assertThat(check.authenticate(issued.token())).isPresent();
            assertThat(lastUse(issued.stored().id())).isEmpty();
        } finally {
            release.countDown();
            writer.shutdown();
            assertThat(writer.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(lastUse(issued.stored().id())).contains(START);
    }

    @Test
    void busyWriterDropsLastUse() {
        BearerTokens.Issued issued = tokens.issue("alice");
        BearerTokens check = new BearerTokens(store.accessTokens(), new SecureRandom(), clock, task -> {
            throw new RejectedExecutionException("busy");
        });
        assertThat(check.authenticate(issued.token())).isPresent();
        assertThat(lastUse(issued.stored().id())).isEmpty();
    }

    /** Blocks every last-use write until released, as a write lock held by another process does. */
    private record BlockingMarkUsed(AccessTokens delegate, CountDownLatch release) implements AccessTokens {
        @Override
        public void markUsed(long id, Instant at) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            delegate.markUsed(id, at);
        }

        @Override
        public AccessToken create(String user, String hash, String prefix, Instant createdAt) {
            return delegate.create(user, hash, prefix, createdAt);
        }

        @Override
        public Optional<AccessToken> findActive(String hash) {
            return delegate.findActive(hash);
        }

        @Override
        public Optional<AccessToken> find(long id) {
            return delegate.find(id);
        }

        @Override
        public boolean revoke(long id, Instant at) {
            return delegate.revoke(id, at);
        }

        @Override
        public int revokeUser(String user, Instant at) {
            return delegate.revokeUser(user, at);
        }

        @Override
        public List<AccessToken> list() {
            return delegate.list();
        }
    }
}

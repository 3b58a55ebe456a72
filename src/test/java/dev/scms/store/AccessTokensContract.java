package dev.scms.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AccessTokens} implementation must show. An implementation's test
 * extends this class and opens a fresh, empty store per test.
 */
public abstract class AccessTokensContract {

    protected static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");
    protected static final Instant LATER = Instant.parse("2026-03-02T08:30:00Z");
    private static final String HASH_A = "a".repeat(64);
    private static final String HASH_B = "b".repeat(64);
    private static final String HASH_C = "c".repeat(64);

    private MemoryStore store;
    private AccessTokens tokens;

    /** Opens an empty store. */
    protected abstract MemoryStore openStore();

    /** Opens another instance on the data of the store opened last, as a second server would. */
    protected abstract MemoryStore openSecondStore();

    @BeforeEach
    void openTokens() {
        store = openStore();
        tokens = store.accessTokens();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void createStoresEveryField() {
        AccessToken created = tokens.create("alice", HASH_A, "scms_AbCd", CREATED);

        assertThat(created.id()).isPositive();
        assertThat(created.user()).isEqualTo("alice");
        assertThat(created.hash()).isEqualTo(HASH_A);
        assertThat(created.prefix()).isEqualTo("scms_AbCd");
        assertThat(created.createdAt()).isEqualTo(CREATED);
        assertThat(created.lastUsedAt()).isEmpty();
        assertThat(created.revokedAt()).isEmpty();
        assertThat(created.isActive()).isTrue();
    }

    @Test
    void findActiveMatchesHash() {
        AccessToken alice = tokens.create("alice", HASH_A, "scms_A", CREATED);
        tokens.create("bob", HASH_B, "scms_B", CREATED);

        assertThat(tokens.findActive(HASH_A)).contains(alice);
        assertThat(tokens.findActive(HASH_C)).isEmpty();
    }

    @Test
    void revokedTokenIsNotActive() {
        AccessToken alice = tokens.create("alice", HASH_A, "scms_A", CREATED);

        assertThat(tokens.revoke(alice.id(), LATER)).isTrue();

        assertThat(tokens.findActive(HASH_A)).isEmpty();
        assertThat(tokens.find(alice.id()).orElseThrow().revokedAt()).contains(LATER);
        assertThat(tokens.revoke(alice.id(), LATER)).as("second revocation").isFalse();
    }

    @Test
    void revokeUnknownIdReturnsFalse() {
        assertThat(tokens.revoke(987_654, LATER)).isFalse();
        assertThat(tokens.find(987_654)).isEmpty();
    }

    @Test
    void revokeUserRevokesOnlyThatUser() {
        tokens.create("alice", HASH_A, "scms_A", CREATED);
        tokens.create("alice", HASH_B, "scms_B", CREATED);
        AccessToken bob = tokens.create("bob", HASH_C, "scms_C", CREATED);

        assertThat(tokens.revokeUser("alice", LATER)).isEqualTo(2);

        assertThat(tokens.findActive(HASH_A)).isEmpty();
        assertThat(tokens.findActive(HASH_B)).isEmpty();
        assertThat(tokens.findActive(HASH_C)).contains(bob);
        assertThat(tokens.revokeUser("alice", LATER)).as("second revocation").isZero();
    }

    @Test
    void markUsedRecordsTime() {
        AccessToken alice = tokens.create("alice", HASH_A, "scms_A", CREATED);

        tokens.markUsed(alice.id(), LATER);

        assertThat(tokens.find(alice.id()).orElseThrow().lastUsedAt()).contains(LATER);
    }

    @Test
    void listReturnsAllOldestFirst() {
        AccessToken alice = tokens.create("alice", HASH_A, "scms_A", CREATED);
        AccessToken bob = tokens.create("bob", HASH_B, "scms_B", LATER);
        tokens.revoke(alice.id(), LATER);

        List<AccessToken> listed = tokens.list();

        assertThat(listed).extracting(AccessToken::id).containsExactly(alice.id(), bob.id());
        assertThat(listed.get(0).isActive()).isFalse();
        assertThat(listed.get(1).isActive()).isTrue();
    }

    @Test
    void secondStoreSeesTokensAndRevocations() {
        AccessToken alice = tokens.create("alice", HASH_A, "scms_A", CREATED);
        try (MemoryStore second = openSecondStore()) {
            assertThat(second.accessTokens().findActive(HASH_A)).contains(alice);

            tokens.revoke(alice.id(), LATER);

            assertThat(second.accessTokens().findActive(HASH_A)).isEmpty();
        }
    }
}

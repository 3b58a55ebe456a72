package dev.scms.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The bearer tokens of the HTTP server, kept in the store so that every server on a shared
 * database accepts the same tokens. Only hashes are stored, so the caller hashes a token
 * before any call here.
 */
public interface AccessTokens {

    /** Stores a new active token and returns it with its id. */
    AccessToken create(String user, String hash, String prefix, Instant createdAt);

    /** Returns the token with this hash unless it is revoked or unknown. */
    Optional<AccessToken> findActive(String hash);

    /** Returns the token with this id, revoked or not. */
    Optional<AccessToken> find(long id);

    /** Records that the token authenticated a request at {@code at}. */
    void markUsed(long id, Instant at);

    /** Revokes one token, or returns false when no token has this id or it was already revoked. */
    boolean revoke(long id, Instant at);

    /** Revokes every active token of a user and returns how many it revoked. */
    int revokeUser(String user, Instant at);

    /** Returns every token, revoked ones included, oldest first. */
    List<AccessToken> list();
}

package dev.scms.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One bearer token of the HTTP server, as stored. It keeps the user it acts for and the SHA-256
 * of the token as 64 lowercase hex digits. The prefix, the first characters of the token, lets
 * a person tell tokens apart in a list. The token itself is never stored.
 */
public record AccessToken(long id, String user, String hash, String prefix, Instant createdAt,
        Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {

    public AccessToken {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    public boolean isActive() {
        return revokedAt.isEmpty();
    }
}

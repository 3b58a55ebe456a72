package dev.scms.core;

import dev.scms.config.EchoedText;
import dev.scms.store.AccessToken;
import dev.scms.store.AccessTokens;
import dev.scms.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues, checks and revokes the bearer tokens of the HTTP server. A token is {@code scms_}
 * followed by 32 random bytes in URL-safe Base64 without padding (43 characters, 256 bits).
 * The store keeps only its SHA-256, and the token is shown once, when it is issued.
 */
public final class BearerTokens {

    public static final String TOKEN_PREFIX = "scms_";

    private static final Logger LOG = LoggerFactory.getLogger(BearerTokens.class);
    private static final int RANDOM_BYTES = 32;
    /** Characters of a token kept in the store for lists: the prefix and 6 random characters. */
    private static final int SHOWN_LENGTH = TOKEN_PREFIX.length() + 6;
    /** A token's last use is written at most this often, so that requests do not each write to the store. */
    private static final Duration LAST_USE_STEP = Duration.ofMinutes(1);
    private static final int MAX_USER_LENGTH = 64;
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");

    /** Last-use writes waiting for the one writer thread; more are dropped. */
    private static final int QUEUED_LAST_USES = 16;

    private final AccessTokens tokens;
    private final SecureRandom random;
    private final Clock clock;
    private final Executor lastUseWriter;
    private final AtomicBoolean droppedOnce = new AtomicBoolean();
    /** Ids of the tokens whose last use waits to be written, so that a token is queued once. */
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();

    /** Creates the check with one daemon thread that writes the tokens' last use off the request path. */
    public BearerTokens(AccessTokens tokens, SecureRandom random, Clock clock) {
        this(tokens, random, clock, lastUseWriter());
    }

    /**
     * @param lastUseWriter runs the best-effort write of a token's last use, so a request never waits
     *        for the store's write lock. It may reject a task when it is busy.
     */
    public BearerTokens(AccessTokens tokens, SecureRandom random, Clock clock, Executor lastUseWriter) {
        this.tokens = tokens;
        this.random = random;
        this.clock = clock;
        this.lastUseWriter = lastUseWriter;
    }

    private static Executor lastUseWriter() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED_LAST_USES),
                task -> {
                    Thread thread = new Thread(task, "scms-token-last-use");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** A token as issued: the token text, shown once, and its stored row. */
    public record Issued(String token, AccessToken stored) {
    }

    /**
     * Issues a new token for a user.
     *
     * @throws InvalidInputException when the user name is not valid
     */
    public Issued issue(String user) {
        String name = requireUserName(user);
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        AccessToken stored = tokens.create(name, hash(token), token.substring(0, SHOWN_LENGTH), clock.instant());
        LOG.info("Created token {} ({}) for user {}", stored.id(), stored.prefix(), name);
        return new Issued(token, stored);
    }

    /**
     * Returns the active token that {@code token} is, and records its use at most once a minute.
     * That record is written later by the last-use writer and dropped when the writer is busy, so
     * a write lock taken by another process does not delay the request.
     * The store looks the row up by the SHA-256 of {@code token}, so the time of that lookup
     * depends on a hash that a caller cannot steer towards a stored one. The final comparison of
     * the two hashes runs in constant time ({@link MessageDigest#isEqual}).
     */
    public Optional<AccessToken> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String hash = hash(token);
        Optional<AccessToken> found = tokens.findActive(hash).filter(stored -> MessageDigest.isEqual(
                stored.hash().getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII)));
        found.ifPresent(this::recordUse);
        return found;
    }

    /**
     * Revokes one token.
     *
     * @throws InvalidInputException when no token has this id or it is already revoked
     */
    public AccessToken revoke(long id) {
        AccessToken token = tokens.find(id).orElseThrow(() -> new InvalidInputException("id", "no token has id "
                + id + "; scms token list shows the ids"));
        if (!tokens.revoke(id, clock.instant())) {
            throw new InvalidInputException("id", "token " + id + " of user " + token.user() + " is already revoked");
        }
        LOG.info("Revoked token {} ({}) of user {}", id, token.prefix(), token.user());
        return tokens.find(id).orElse(token);
    }

    /**
     * Revokes every active token of a user and returns how many it revoked.
     *
     * @throws InvalidInputException when the user name is not valid or the user has no active token
     */
    public int revokeUser(String user) {
        String name = requireUserName(user);
        int revoked = tokens.revokeUser(name, clock.instant());
        if (revoked == 0) {
            throw new InvalidInputException("user", "user " + name + " has no active token; scms token list shows"
                    + " the users");
        }
        LOG.info("Revoked {} token(s) of user {}", revoked, name);
        return revoked;
    }

    public List<AccessToken> list() {
        return tokens.list();
    }

    /** Returns the SHA-256 of a token as 64 lowercase hex digits, the form the store keeps. */
    public static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256, which every Java runtime must have", e);
        }
    }

    /**
     * Returns the name, stripped, when it is a valid user name: 1 to 64 letters, digits, dots,
     * underscores, at signs and hyphens, starting with a letter or digit.
     *
     * @throws InvalidInputException otherwise
     */
    public static String requireUserName(String user) {
        String name = user == null ? "" : user.strip();
        if (name.isEmpty() || name.length() > MAX_USER_LENGTH || !USER_NAME.matcher(name).matches()) {
            throw new InvalidInputException("user", EchoedText.quote(user == null ? "" : user) + " is not a valid"
                    + " user name; use 1 to " + MAX_USER_LENGTH + " letters, digits, '.', '_', '@' or '-',"
                    + " starting with a letter or digit");
        }
        return name;
    }

    private void recordUse(AccessToken token) {
        Instant now = clock.instant();
        if (token.lastUsedAt().isPresent() && token.lastUsedAt().get().plus(LAST_USE_STEP).isAfter(now)) {
            return;
        }
        if (!pending.add(token.id())) {
            return;
        }
        try {
            lastUseWriter.execute(() -> markUsed(token.id(), now));
        } catch (RejectedExecutionException e) {
            pending.remove(token.id());
            if (droppedOnce.compareAndSet(false, true)) {
                LOG.warn("Dropped the last-use record of token {} because earlier records still wait for the store;"
                        + " further drops are logged at DEBUG", token.id());
            } else {
                LOG.debug("Dropped the last-use record of token {}: the writer is busy", token.id());
            }
        }
    }

    private void markUsed(long id, Instant at) {
        try {
            tokens.markUsed(id, at);
        } catch (StoreException e) {
            // A read-only or busy database must not turn away a valid token; only the list shows less.
            LOG.warn("Recording the last use of token {} failed: {}", id, e.getMessage());
        } finally {
            pending.remove(id);
        }
    }
}

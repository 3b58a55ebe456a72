package dev.scms.store.postgres;

import dev.scms.store.AccessToken;
import dev.scms.store.AccessTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@code access_tokens} table of a PostgreSQL store: bearer tokens of the HTTP server, stored as SHA-256 hashes. */
final class PgAccessTokens implements AccessTokens {

    private static final String COLUMNS = "id, user_name, token_hash, prefix, created_at, last_used_at, revoked_at";

    private final PostgresConnections connections;

    PgAccessTokens(PostgresConnections connections) {
        this.connections = connections;
    }

    @Override
    public AccessToken create(String user, String hash, String prefix, Instant createdAt) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(createdAt, "createdAt");
        return connections.write("creation of a token of user " + user, connection -> {
            String sql = "INSERT INTO access_tokens (user_name, token_hash, prefix, created_at) VALUES (?, ?, ?, ?)"
                    + " RETURNING id";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                PgRows.bind(statement, user, hash, prefix, createdAt);
                try (ResultSet keys = statement.executeQuery()) {
                    keys.next();
                    return select(connection, "id = ?", keys.getLong(1)).get(0);
                }
            }
        });
    }

    @Override
    public Optional<AccessToken> findActive(String hash) {
        Objects.requireNonNull(hash, "hash");
        return connections.read("find of a token by hash", connection -> first(select(connection,
                "token_hash = ? AND revoked_at IS NULL", hash)));
    }

    @Override
    public Optional<AccessToken> find(long id) {
        return connections.read("find of token " + id, connection -> first(select(connection, "id = ?", id)));
    }

    @Override
    public void markUsed(long id, Instant at) {
        Objects.requireNonNull(at, "at");
        connections.write("record of the last use of token " + id, connection -> update(connection,
                "UPDATE access_tokens SET last_used_at = ? WHERE id = ?", at, id));
    }

    @Override
    public boolean revoke(long id, Instant at) {
        Objects.requireNonNull(at, "at");
        return connections.write("revocation of token " + id, connection -> update(connection,
                "UPDATE access_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", at, id)) == 1;
    }

    @Override
    public int revokeUser(String user, Instant at) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(at, "at");
        return connections.write("revocation of the tokens of user " + user, connection -> update(connection,
                "UPDATE access_tokens SET revoked_at = ? WHERE user_name = ? AND revoked_at IS NULL", at, user));
    }

    @Override
    public List<AccessToken> list() {
        return connections.read("list of tokens", connection -> select(connection, "true"));
    }

    private static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            PgRows.bind(statement, values);
            return statement.executeUpdate();
        }
    }

    private static List<AccessToken> select(Connection connection, String where, Object... values)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM access_tokens WHERE " + where + " ORDER BY id";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            PgRows.bind(statement, values);
            List<AccessToken> tokens = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tokens.add(new AccessToken(rows.getLong("id"), rows.getString("user_name"),
                            rows.getString("token_hash"), rows.getString("prefix"), PgRows.instant(rows, "created_at"),
                            PgRows.optionalInstant(rows, "last_used_at"), PgRows.optionalInstant(rows, "revoked_at")));
                }
            }
            return tokens;
        }
    }

    private static Optional<AccessToken> first(List<AccessToken> tokens) {
        return tokens.isEmpty() ? Optional.empty() : Optional.of(tokens.get(0));
    }
}

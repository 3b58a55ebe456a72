package dev.scms.store.sqlite;

import dev.scms.store.AccessToken;
import dev.scms.store.AccessTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@code access_tokens} table: bearer tokens of the HTTP server, stored as SHA-256 hashes. */
final class SqliteAccessTokens implements AccessTokens {

    private static final String COLUMNS = "id, user_name, token_hash, prefix, created_at, last_used_at, revoked_at";

    private final Database database;

    SqliteAccessTokens(Database database) {
        this.database = database;
    }

    @Override
    public AccessToken create(String user, String hash, String prefix, Instant createdAt) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(createdAt, "createdAt");
        return database.write("creation of a token of user " + user, connection -> {
            String sql = "INSERT INTO access_tokens (user_name, token_hash, prefix, created_at) VALUES (?, ?, ?, ?)";
            try (PreparedStatement statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                statement.setString(1, user);
                statement.setString(2, hash);
                statement.setString(3, prefix);
                statement.setString(4, Rows.timestamp(createdAt));
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("SQLite returned no id for the new token of user " + user);
                    }
                    return select(connection, "id = ?", keys.getLong(1)).get(0);
                }
            }
        });
    }

    @Override
    public Optional<AccessToken> findActive(String hash) {
        return database.read("find of a token by hash", connection -> first(select(connection,
                "token_hash = ? AND revoked_at IS NULL", hash)));
    }

    @Override
    public Optional<AccessToken> find(long id) {
        return database.read("find of token " + id, connection -> first(select(connection, "id = ?", id)));
    }

    @Override
    public void markUsed(long id, Instant at) {
        database.write("record of the last use of token " + id, connection -> update(connection,
                "UPDATE access_tokens SET last_used_at = ? WHERE id = ?", Rows.timestamp(at), id));
    }

    @Override
    public boolean revoke(long id, Instant at) {
        return database.write("revocation of token " + id, connection -> update(connection,
                "UPDATE access_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                Rows.timestamp(at), id)) == 1;
    }

    @Override
    public int revokeUser(String user, Instant at) {
        return database.write("revocation of the tokens of user " + user, connection -> update(connection,
                "UPDATE access_tokens SET revoked_at = ? WHERE user_name = ? AND revoked_at IS NULL",
                Rows.timestamp(at), user));
    }

    @Override
    public List<AccessToken> list() {
        return database.read("list of tokens", connection -> select(connection, "1 = 1"));
    }

    private static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            return statement.executeUpdate();
        }
    }

    private static List<AccessToken> select(Connection connection, String where, Object... values)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM access_tokens WHERE " + where + " ORDER BY id";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            List<AccessToken> tokens = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tokens.add(read(rows));
                }
            }
            return tokens;
        }
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }

    private static Optional<AccessToken> first(List<AccessToken> tokens) {
        return tokens.isEmpty() ? Optional.empty() : Optional.of(tokens.get(0));
    }

    private static AccessToken read(ResultSet rows) throws SQLException {
        return new AccessToken(rows.getLong("id"), rows.getString("user_name"), rows.getString("token_hash"),
                rows.getString("prefix"), Rows.instant(rows.getString("created_at")),
                Optional.ofNullable(rows.getString("last_used_at")).map(Rows::instant),
                Optional.ofNullable(rows.getString("revoked_at")).map(Rows::instant));
    }
}

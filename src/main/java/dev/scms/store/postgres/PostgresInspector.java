package dev.scms.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Inspects a PostgreSQL store for {@code scms doctor} through a read-only transaction, so it
 * neither creates nor migrates the schema.
 */
public final class PostgresInspector {

    /**
     * The facts that doctor reports about a PostgreSQL store.
     *
     * @param schemaVersion the stored schema version, 0 when the database has no SCMS tables yet
     * @param memories the number of memories, 0 when the tables are missing
     * @param activeWithoutVector active memories without a vector of the model
     */
    public record Report(String serverVersion, int schemaVersion, int expectedVersion, long memories,
            long activeWithoutVector, boolean pgvectorColumn) {
    }

    private PostgresInspector() {
    }

    /**
     * Connects and reads the report.
     *
     * @throws dev.scms.store.StoreException naming the URL without its password when the server
     *     cannot be reached, rejects the credentials or a query fails
     */
    public static Report inspect(PostgresUrl url, String modelId) {
        String operation = "inspection of the store";
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.properties())) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                String serverVersion = single(statement, "SHOW server_version");
                boolean hasTables = !single(statement, "SELECT to_regclass('schema_version') IS NOT NULL").equals("f");
                if (!hasTables) {
                    return new Report(serverVersion, 0, PostgresMigrations.latest(), 0, 0, false);
                }
                int version = PostgresMigrations.version(statement);
                if (version != PostgresMigrations.latest()) {
                    return new Report(serverVersion, version, PostgresMigrations.latest(), 0, 0, false);
                }
                long memories = Long.parseLong(single(statement, "SELECT COUNT(*) FROM memories"));
                boolean pgvector = single(statement, "SELECT COUNT(*) FROM information_schema.columns WHERE"
                        + " table_schema = current_schema() AND table_name = 'embeddings' AND column_name = 'embedding'")
                        .equals("1");
                return new Report(serverVersion, version, PostgresMigrations.latest(), memories,
                        withoutVector(connection, modelId), pgvector);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw PostgresConnections.translate(url, Duration.ZERO, operation, e);
        }
    }

    private static long withoutVector(Connection connection, String modelId) throws SQLException {
        String sql = "SELECT COUNT(*) FROM memories m LEFT JOIN embeddings e ON e.memory_id = m.id AND e.model_id = ?"
                + " WHERE e.memory_id IS NULL AND m.status = 'active'";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, modelId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}

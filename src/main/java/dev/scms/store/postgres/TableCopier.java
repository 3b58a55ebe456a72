package dev.scms.store.postgres;

import dev.scms.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Copies the rows of {@link MigrationTables} from a SQLite connection to a PostgreSQL one. */
final class TableCopier {

    private static final int BATCH_ROWS = 500;

    private final Connection reader;
    private final Path source;

    TableCopier(Connection reader, Path source) {
        this.reader = reader;
        this.source = source;
    }

    /** Rejects a source with a table that the copy does not know, because its rows would be left behind. */
    void rejectUnknownTables() throws SQLException {
        Set<String> known = MigrationTables.TABLES.stream().map(MigrationTables.Table::name).collect(Collectors.toSet());
        List<String> unknown = new ArrayList<>();
        try (Statement statement = reader.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            while (rows.next()) {
                String name = rows.getString(1);
                if (!known.contains(name) && !MigrationTables.isDerived(name)) {
                    unknown.add(name);
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new StoreException("database " + source + " has tables that scms migrate does not copy, so their "
                    + "rows would be lost: " + String.join(", ", unknown) + "; copy them with a newer scms");
        }
    }

    /** Copies every row of the table; with {@code pgvector}, embeddings of 384 values also fill the vector column. */
    void copy(MigrationTables.Table table, Connection writer, boolean pgvector) throws SQLException {
        boolean vectorColumn = pgvector && table.name().equals("embeddings");
        List<MigrationTables.Column> columns = table.columns();
        String names = columns.stream().map(MigrationTables.Column::quoted).collect(Collectors.joining(", "));
        String values = columns.stream().map(column -> column.type() == MigrationTables.Type.JSON ? "?::jsonb" : "?")
                .collect(Collectors.joining(", "));
        String insert = "INSERT INTO " + table.name() + " (" + names + (vectorColumn ? ", embedding" : "") + ") VALUES ("
                + values + (vectorColumn ? ", ?::vector" : "") + ")"
                + (table.name().equals("store_info") ? " ON CONFLICT (key) DO UPDATE SET value = excluded.value" : "");
        try (Statement select = reader.createStatement();
                ResultSet rows = select.executeQuery("SELECT " + names + " FROM " + table.name());
                PreparedStatement statement = writer.prepareStatement(insert)) {
            int pending = 0;
            while (rows.next()) {
                for (int i = 0; i < columns.size(); i++) {
                    bind(statement, i + 1, columns.get(i), rows, table.name());
                }
                if (vectorColumn) {
                    int dimension = rows.getInt("dimension");
                    byte[] vector = rows.getBytes("vector");
                    statement.setString(columns.size() + 1, dimension == PostgresSchema.PGVECTOR_DIMENSION
                            ? PgMemoryWrites.vectorText(dev.scms.store.VectorBytes.vector(vector)) : null);
                }
                statement.addBatch();
                if (++pending == BATCH_ROWS) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        }
    }

    /**
     * Moves each identity sequence past the copied ids and past SQLite's AUTOINCREMENT counter,
     * so that no id handed out before is handed out again, and the change sequence past the
     * copied change sequences.
     */
    void moveSequences(Connection writer) throws SQLException {
        for (MigrationTables.Table table : MigrationTables.TABLES) {
            if (table.identity().isEmpty()) {
                continue;
            }
            long last = Math.max(single(writer, "SELECT COALESCE(MAX(" + table.identity() + "), 0) FROM " + table.name()),
                    autoincrement(table.name()));
            setSequence(writer, "pg_get_serial_sequence('" + table.name() + "', '" + table.identity() + "')", last);
        }
        setSequence(writer, "'memory_change_seq'", single(writer, "SELECT COALESCE(MAX(change_seq), 0) FROM memories"));
    }

    private long autoincrement(String table) throws SQLException {
        if (single(reader, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_sequence'") == 0) {
            return 0;
        }
        try (PreparedStatement statement = reader.prepareStatement("SELECT seq FROM sqlite_sequence WHERE name = ?")) {
            statement.setString(1, table);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    /** Sets the sequence so that its next value is {@code last + 1}. */
    private static void setSequence(Connection writer, String sequence, long last) throws SQLException {
        String sql = last > 0 ? "SELECT setval(" + sequence + ", " + last + ", true)"
                : "SELECT setval(" + sequence + ", 1, false)";
        single(writer, sql);
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private void bind(PreparedStatement statement, int index, MigrationTables.Column column, ResultSet rows,
            String table) throws SQLException {
        String name = column.name();
        switch (column.type()) {
            case TEXT, JSON -> statement.setString(index, rows.getString(name));
            case INTEGER -> {
                long value = rows.getLong(name);
                if (rows.wasNull()) {
                    statement.setNull(index, Types.BIGINT);
                } else {
                    statement.setLong(index, value);
                }
            }
            case REAL -> statement.setDouble(index, rows.getDouble(name));
            case BLOB -> statement.setBytes(index, rows.getBytes(name));
            case TIME -> statement.setObject(index, time(rows.getString(name), table, name), Types.TIMESTAMP_WITH_TIMEZONE);
            default -> throw new IllegalStateException("unknown column type " + column.type());
        }
    }

    private OffsetDateTime time(String text, String table, String column) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.ofInstant(Instant.parse(text), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new StoreException("column " + table + "." + column + " of database " + source + " contains \"" + text
                    + "\", which is no ISO-8601 UTC time; fix or delete that row, then copy again", e);
        }
    }
}

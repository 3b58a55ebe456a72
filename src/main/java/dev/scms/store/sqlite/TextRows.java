package dev.scms.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the rows of {@link TextIndex}: the text of the memories changed after a change sequence,
 * and the row count and column totals FTS5 keeps for {@code memories_fts}, to check the index.
 */
final class TextRows {

    /** One page of changed rows, the highest change sequence among them, and FTS5's totals when read. */
    record Page(List<TextIndex.Row> rows, long maxSeq, Optional<long[]> fts5Totals) {
    }

    // The averages record of an FTS5 table has rowid 1 in its data table.
    private static final String AVERAGES = "SELECT block FROM memories_fts_data WHERE id = 1";

    private TextRows() {
    }

    static long maxSeq(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT COALESCE(MAX(change_seq), 0) FROM memories")) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    /**
     * Returns up to {@code limit} rows changed after {@code afterSeq} in change order. When the page
     * is not full it also reads FTS5's totals, in the same read transaction, so that they describe
     * the same state of the table as the rows.
     */
    static Page changedAfter(Connection connection, long afterSeq, int limit) throws SQLException {
        // A savepoint opens a read transaction, or nests in the caller's when a write unit searches.
        execute(connection, "SAVEPOINT text_index_page");
        try {
            List<TextIndex.Row> rows = new ArrayList<>();
            long maxSeq = afterSeq;
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id, title, body, tags, project, status, change_seq FROM memories"
                            + " WHERE change_seq > ? ORDER BY change_seq LIMIT ?")) {
                statement.setLong(1, afterSeq);
                statement.setInt(2, limit);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(new TextIndex.Row(result.getLong(1), result.getString(2), result.getString(3),
                                result.getString(4), Optional.ofNullable(result.getString(5)),
                                "active".equals(result.getString(6))));
                        maxSeq = Math.max(maxSeq, result.getLong(7));
                    }
                }
            }
            Optional<long[]> totals = rows.size() < limit ? Optional.of(fts5Totals(connection)) : Optional.empty();
            return new Page(rows, maxSeq, totals);
        } finally {
            execute(connection, "RELEASE text_index_page");
        }
    }

    /** Returns FTS5's row count followed by its token total of each column. */
    static long[] fts5Totals(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(AVERAGES)) {
            long[] totals = new long[4];
            if (row.next()) {
                byte[] block = row.getBytes(1);
                int[] offset = {0};
                for (int i = 0; i < totals.length && block != null && offset[0] < block.length; i++) {
                    totals[i] = varint(block, offset);
                }
            }
            return totals;
        }
    }

    /** Reads one SQLite varint: 7 bits per byte, high bit set on all but the last, a ninth byte of 8 bits. */
    static long varint(byte[] bytes, int[] offset) {
        long value = 0;
        for (int i = 0; i < 9 && offset[0] < bytes.length; i++) {
            int b = bytes[offset[0]++] & 0xFF;
            if (i == 8) {
                return value << 8 | b;
            }
            value = value << 7 | (b & 0x7F);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        return value;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

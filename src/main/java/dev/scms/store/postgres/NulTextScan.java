package dev.scms.store.postgres;

import dev.scms.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds text in a SQLite store that PostgreSQL cannot hold: the character U+0000 in a text
 * column, or its JSON escape (a backslash, u and four zeros) in a JSON column, which {@code jsonb} rejects. Older
 * versions stored such text, so the copy checks for it before it writes anything.
 */
final class NulTextScan {

    /** At most this many places are named in the message; the count covers the rest. */
    private static final int SHOWN = 20;

    private NulTextScan() {
    }

    /** Throws a {@link StoreException} naming each row and column that contains a NUL character. */
    static void reject(Connection reader, Path source) throws SQLException {
        List<String> places = new ArrayList<>();
        for (MigrationTables.Table table : MigrationTables.TABLES) {
            for (MigrationTables.Column column : table.columns()) {
                if (column.type() == MigrationTables.Type.TEXT || column.type() == MigrationTables.Type.JSON) {
                    places.addAll(find(reader, table, column));
                }
            }
        }
        if (places.isEmpty()) {
            return;
        }
        String shown = String.join("; ", places.subList(0, Math.min(SHOWN, places.size())))
                + (places.size() > SHOWN ? "; and " + (places.size() - SHOWN) + " more" : "");
        throw new StoreException("database " + source + " contains text with a NUL character (U+0000), which PostgreSQL "
                + "cannot store, so nothing was copied: " + shown + ". Remove the NUL character from each of these values "
                + "in the SQLite file, with the sqlite3 statement that docs/team.md shows, then run scms migrate again");
    }

    private static List<String> find(Connection reader, MigrationTables.Table table, MigrationTables.Column column)
            throws SQLException {
        String key = key(table);
        String value = column.quoted();
        String condition = "instr(CAST(" + value + " AS BLOB), x'00') > 0"
                + (column.type() == MigrationTables.Type.JSON ? " OR instr(lower(" + value + "), '\\u0000') > 0" : "");
        List<String> places = new ArrayList<>();
        try (Statement statement = reader.createStatement();
                ResultSet rows = statement.executeQuery("SELECT " + key + " FROM " + table.name() + " WHERE "
                        + condition + " ORDER BY 1")) {
            while (rows.next()) {
                places.add(table.name() + "." + column.name() + " of " + label(table) + " " + rows.getString(1));
            }
        }
        return places;
    }

    private static String key(MigrationTables.Table table) {
        if (!table.identity().isEmpty()) {
            return table.identity();
        }
        return switch (table.name()) {
            case "embeddings" -> "memory_id";
            default -> "\"key\"";
        };
    }

    private static String label(MigrationTables.Table table) {
        return switch (table.name()) {
            case "memories", "embeddings" -> "memory";
            case "store_info", "projects" -> "key";
            case "access_tokens" -> "token";
            default -> table.name().substring(0, table.name().length() - 1);
        };
    }
}

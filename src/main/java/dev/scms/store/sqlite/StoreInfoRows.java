package dev.scms.store.sqlite;

import dev.scms.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads the {@code store_info} table: facts about the database itself. */
final class StoreInfoRows {

    private StoreInfoRows() {
    }

    static String storeId(Connection connection, Path file) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT value FROM store_info WHERE key = 'store_id'")) {
            if (!row.next()) {
                throw new StoreException("database " + file + " has no store id in table store_info; restore it "
                        + "from a backup or export its memories into a new database");
            }
            return row.getString(1);
        }
    }
}

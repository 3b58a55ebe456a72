package dev.scms.store.postgres;

import java.util.List;

/**
 * The tables that {@link SqliteToPostgres} copies, in an order that satisfies the foreign keys,
 * with the type of each column. They are the tables of the SQLite schema version that
 * {@code DatabaseInspector.expectedVersion()} returns; a source with another table is rejected,
 * so that no table is left behind without a word.
 */
final class MigrationTables {

    /** The conversion of a SQLite column's values into PostgreSQL values. */
    enum Type {
        TEXT, INTEGER, REAL, BLOB,
        /** ISO-8601 text to {@code timestamptz}. */
        TIME,
        /** JSON text to {@code jsonb}. */
        JSON
    }

    record Column(String name, Type type) {

        /** Returns the column name as SQL writes it; {@code user} is a reserved word in PostgreSQL. */
        String quoted() {
            return "\"" + name + "\"";
        }
    }

    /**
     * One table; {@code identity} names the id column whose sequence the copy moves past the
     * copied ids, empty for none.
     */
    record Table(String name, String identity, List<Column> columns) {

        Table {
            columns = List.copyOf(columns);
        }
    }

    /** The copied tables in insert order; store_info first, whose store id replaces the target's. */
    static final List<Table> TABLES = List.of(
            new Table("store_info", "", List.of(text("key"), text("value"))),
            new Table("memories", "id", List.of(integer("id"), text("layer"), text("kind"), text("title"), text("body"),
                    json("details"), text("domain"), text("project"), json("tags"), new Column("importance", Type.REAL),
                    text("status"), time("created_at"), time("updated_at"), time("last_used_at"),
                    integer("helpful_count"), integer("unhelpful_count"), integer("retrieval_count"),
                    integer("occurrences"), text("content_hash"), integer("change_seq"), text("external_id"))),
            new Table("embeddings", "", List.of(integer("memory_id"), text("model_id"), integer("dimension"),
                    new Column("vector", Type.BLOB), new Column("sentences", Type.BLOB))),
            new Table("uses", "id", List.of(integer("id"), integer("memory_id"), text("user"), text("project"),
                    text("session"), text("outcome"), text("note"), integer("retrieval_id"), time("at"))),
            new Table("retrievals", "id", List.of(integer("id"), text("session"), text("project"), text("query"),
                    json("returned_ids"), integer("considered"), integer("returned_tokens"), time("at"))),
            new Table("promotions", "id", List.of(integer("id"), integer("pattern_id"), integer("rule_id"),
                    text("project"), text("policy"), json("evidence"), time("at"))),
            new Table("projects", "", List.of(text("key"), text("name"), text("root"), time("created_at"),
                    json("settings"))),
            new Table("sessions", "id", List.of(integer("id"), text("session_key"), text("project"),
                    text("client_name"), text("client_version"), time("started_at"), time("ended_at"),
                    integer("retrievals"), integer("memories_returned"), integer("distinct_memories"),
                    integer("uses"), integer("helpful_uses"), integer("failures_logged"),
                    integer("failures_rediscovered"))),
            new Table("access_tokens", "id", List.of(integer("id"), text("user_name"), text("token_hash"),
                    text("prefix"), time("created_at"), time("last_used_at"), time("revoked_at"))));

    /** SQLite tables that hold no data of their own: the full-text index and the AUTOINCREMENT counters. */
    static boolean isDerived(String sqliteTable) {
        return sqliteTable.startsWith("sqlite_") || sqliteTable.startsWith("memories_fts");
    }

    private MigrationTables() {
    }

    private static Column text(String name) {
        return new Column(name, Type.TEXT);
    }

    private static Column integer(String name) {
        return new Column(name, Type.INTEGER);
    }

    private static Column time(String name) {
        return new Column(name, Type.TIME);
    }

    private static Column json(String name) {
        return new Column(name, Type.JSON);
    }
}

package dev.scms.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of database work run by {@link PostgresConnections} on one connection. */
@FunctionalInterface
interface PgWork<T> {

    T run(Connection connection) throws SQLException;
}

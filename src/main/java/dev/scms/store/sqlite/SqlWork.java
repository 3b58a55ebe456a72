package dev.scms.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of database work run by {@link Database} under the connection lock. */
@FunctionalInterface
interface SqlWork<T> {

    T run(Connection connection) throws SQLException;
}

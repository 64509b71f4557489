package dev.tuesday.migrate.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** How a backfill steps through a table: where the next batch ends, and the SQL range of a batch. */
sealed interface BatchWalk permits KeyWalk, CtidWalk {

    /**
     * The end of the batch of about {@code size} rows after {@code last} (text form of the key),
     * or null when that batch is the last one and runs to the end of the table.
     */
    List<String> next(Connection connection, List<String> last, int size) throws SQLException;

    /** The {@code WHERE} condition of the batch after {@code last} up to {@code next}. */
    String range(List<String> last, List<String> next);

    /** Binds the parameters {@link #range} left in its condition; returns the next parameter index. */
    int bind(PreparedStatement ps, List<String> last, List<String> next) throws SQLException;

    /**
     * A scalar subquery that finds what {@link #next} would for the batch of {@code size} rows
     * after the one ending at a key (a {@code text[]}, null when that batch is the last), so a
     * batch's statement finds the following batch's end with no round trip of its own; null when
     * {@link #next} asks the database nothing.
     */
    String ahead(int size);

    /** Binds the parameters of {@link #ahead} for the batch after {@code next}; returns the next index. */
    int bindAhead(PreparedStatement ps, int index, List<String> next) throws SQLException;
}

package dev.tuesday.migrate.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * How a backfill steps through a table: where the next batch ends, and the SQL range of a batch.
 * Keys travel as text arrays. Each question comes in two forms: for a client's statement, with
 * {@code ?} parameters bound by {@link #bind}, and for the server's batch loop ({@link BatchLoop}),
 * with {@code $1} for the key a batch starts after and {@code $2} for the key it ends at.
 */
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
     * A query of one {@code text[]}: the end of the batch of about {@code size} rows after the key
     * {@code $1} ({@code after}) or from the start of the table; no row or NULL when that batch is
     * the last one.
     */
    String nextQuery(boolean after, int size);

    /**
     * The {@code WHERE} condition of a batch after the key {@code $1} ({@code from}; else from the
     * start) up to the key {@code $2} ({@code to}; else to the end).
     */
    String rangeQuery(boolean from, boolean to);
}

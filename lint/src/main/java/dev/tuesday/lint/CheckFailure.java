package dev.tuesday.lint;

/**
 * A query of the running version that PostgreSQL refused to prepare.
 *
 * @param point when
 * @param file the queries file (or {@code pg_stat_statements})
 * @param line the query's line in it
 * @param query the query text
 * @param searchPath the search_path it was prepared under: the running version's
 * @param error the database's error, one line
 * @param sqlState the database's SQLSTATE
 * @param expected whether this failure is expected (after complete the old version must be gone)
 */
public record CheckFailure(CheckPoint point, String file, int line, String query, String searchPath, String error,
        String sqlState, boolean expected) {}

package dev.tuesday.migrate.schema;

import dev.tuesday.migrate.MigrationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Asks the live database whether the file's SQL fragments (types, {@code up}/{@code down},
 * {@code check}, {@code default}, predicates) are valid, without running them on any row: each is
 * planned inside {@code SELECT … LIMIT 0} over a one-row-shaped subquery named like the table, with
 * the table's columns (as the migration has shaped them so far) as typed NULLs. The table itself is
 * never read, so no lock is taken on it, and a table created earlier in the same migration works.
 * Everything runs in one read-only transaction that is rolled back, each check under its own
 * savepoint; a fragment is checked to be one piece of one statement before it is sent.
 */
final class SqlChecker implements AutoCloseable {

    private final Connection connection;
    private final boolean autoCommit;

    SqlChecker(Connection connection, String schemaName) {
        this.connection = connection;
        try {
            this.autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                // Checking changes nothing, whatever a fragment holds (each is also one expression).
                s.execute("SET TRANSACTION READ ONLY");
                // The fragments resolve names the way the migration's own statements will.
                s.execute("SET LOCAL search_path TO " + quote(schemaName) + ", public");
                s.execute("SET LOCAL statement_timeout = '10s'");
                s.execute("SET LOCAL lock_timeout = '2s'");
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot check SQL against the database: " + firstLine(e), e);
        }
    }

    /** An error message when {@code type} is not a type of the database, else null. */
    String typeError(String type) {
        return run("SELECT CAST(NULL AS " + castable(type) + ") LIMIT 0");
    }

    /**
     * {@code serial} and its kin are only shorthands of {@code CREATE TABLE} and {@code ADD COLUMN}
     * (an integer column with a sequence default), not types a value can be cast to.
     */
    static String castable(String type) {
        return switch (type.strip().toLowerCase(Locale.ROOT)) {
            case "serial", "serial4" -> "integer";
            case "bigserial", "serial8" -> "bigint";
            case "smallserial", "serial2" -> "smallint";
            default -> type;
        };
    }

    /**
     * An error message when {@code expression}, evaluated over a row of {@code columns} of table
     * {@code table}, is not valid SQL or cannot become {@code castTo} (null: any type), else null.
     */
    String valueError(String expression, String table, List<TableColumn> columns, String castTo) {
        String value = castTo == null ? "(" + expression + ")"
                : "CAST((" + expression + ") AS " + castable(castTo) + ")";
        return run("SELECT " + value + " FROM " + row(table, columns) + " LIMIT 0");
    }

    /** An error message when {@code condition} is not a valid boolean over a row of the table, else null. */
    String conditionError(String condition, String table, List<TableColumn> columns) {
        return run("SELECT 1 FROM " + row(table, columns) + " WHERE (" + condition + ") LIMIT 0");
    }

    /** An error message when {@code expression} is not a valid constant default of {@code type}, else null. */
    String defaultError(String expression, String type) {
        return run("SELECT CAST((" + expression + ") AS " + castable(type) + ") LIMIT 0");
    }

    private static String row(String table, List<TableColumn> columns) {
        String select = columns.stream()
                .map(c -> "CAST(NULL AS " + castable(c.type()) + ") AS " + quote(c.name()))
                .collect(Collectors.joining(", "));
        return "(SELECT " + select + ") AS " + quote(table);
    }

    private String run(String sql) {
        Savepoint savepoint = null;
        try {
            savepoint = connection.setSavepoint();
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            }
            connection.releaseSavepoint(savepoint);
            return null;
        } catch (SQLException e) {
            if (savepoint != null) {
                try {
                    connection.rollback(savepoint);
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                    throw new MigrationException("cannot check SQL against the database: " + firstLine(e), e);
                }
            }
            return firstLine(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw new MigrationException("cannot end the checking transaction: " + firstLine(e), e);
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String firstLine(SQLException e) {
        if (e instanceof PSQLException p) {
            ServerErrorMessage server = p.getServerErrorMessage();
            if (server != null && server.getMessage() != null) {
                return server.getMessage();
            }
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}

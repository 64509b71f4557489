package dev.tuesday.migrate.schema;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.ValidationException;
import dev.tuesday.migrate.op.Operation;
import dev.tuesday.migrate.op.RawSql;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@link Migration} against a {@link Schema} before any DDL runs, operation by operation,
 * each against the schema as the operations before it have changed it (so an operation may use the
 * table an earlier one creates). Names must exist or be free as the operation needs; an
 * {@code alter_column} must change something; {@code nullable: false} needs an {@code up} that fills
 * the rows holding NULL; and, given a connection, types and SQL fragments ({@code up}, {@code down},
 * {@code check}, {@code default}, index predicates) are checked by the database itself inside a
 * transaction that is rolled back.
 *
 * <p>A {@code sql} operation run at start may change anything, so the operations after it are not
 * checked against the schema.
 */
public final class MigrationValidator {

    /** PostgreSQL's NAMEDATALEN - 1: longer identifiers are silently truncated. */
    static final int MAX_NAME_BYTES = 63;

    private MigrationValidator() {
    }

    /**
     * Validates {@code migration} against {@code schema}, checking types and SQL fragments on
     * {@code connection} (which must have no transaction in progress; it is left as it was found).
     *
     * @return the schema as the migration would leave it
     * @throws ValidationException naming the file, the operation and what is wrong
     */
    public static Schema validate(Migration migration, Schema schema, Connection connection) {
        try (SqlChecker sql = new SqlChecker(connection, schema.name())) {
            return run(migration, schema, sql);
        }
    }

    /**
     * Validates names only (no database at hand): tables, columns, constraints and indexes exist
     * or are free as each operation needs. Types and SQL fragments are not checked.
     *
     * @return the schema as the migration would leave it
     * @throws ValidationException naming the file, the operation and what is wrong
     */
    public static Schema validate(Migration migration, Schema schema) {
        return run(migration, schema, null);
    }

    /**
     * Validates {@code migrations} in order, each against the schema as the ones before it leave
     * it (what {@code tuesday migrate validate DIR} needs for the pending files of a folder).
     *
     * @return the schema as the last migration would leave it
     * @throws ValidationException for the first migration that does not fit
     */
    public static Schema validateAll(List<Migration> migrations, Schema schema, Connection connection) {
        Schema current = schema;
        for (Migration migration : migrations) {
            current = validate(migration, current, connection);
        }
        return current;
    }

    private static Schema run(Migration migration, Schema schema, SqlChecker sql) {
        String versionSchema = migration.versionSchemaIn(schema.name());
        if (tooLong(versionSchema)) {
            throw new ValidationException(migration.source(), -1, null, new ValidationProblem.NameTooLong(versionSchema));
        }
        Schema current = schema;
        Set<String> createdTables = new HashSet<>();
        Map<String, String> formerNames = new HashMap<>();
        for (int i = 0; i < migration.operations().size(); i++) {
            Operation op = migration.operations().get(i);
            if (op instanceof RawSql raw && !raw.onComplete()) {
                return current;
            }
            try {
                current = op.validate(current, new ValidationContext(current, schema, formerNames, sql, createdTables));
            } catch (Problem p) {
                throw new ValidationException(migration.source(), i, op.kind(), p.problem);
            }
        }
        return current;
    }

    static boolean tooLong(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES;
    }
}

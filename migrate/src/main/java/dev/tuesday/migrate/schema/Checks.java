package dev.tuesday.migrate.schema;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lookups and SQL checks the per-operation checks share, each throwing a {@link Problem}
 * that names what is wrong. {@code sql} is null when no database is at hand: then only names are
 * checked.
 */
final class Checks {

    private final Schema schema;
    private final Schema before;
    private final Map<String, String> formerNames;
    private final SqlChecker sql;
    private final Set<String> createdTables;

    /**
     * @param schema the schema as the operations before this one leave it
     * @param before the schema before the migration: what the old version writes
     * @param formerNames a table's name before the migration, by its name now, for tables an
     *        earlier operation renamed (shared by the checks of one migration, which fill it)
     */
    Checks(Schema schema, Schema before, Map<String, String> formerNames, SqlChecker sql, Set<String> createdTables) {
        this.schema = schema;
        this.before = before;
        this.formerNames = formerNames;
        this.sql = sql;
        this.createdTables = createdTables;
    }

    /** Records that the table {@code from} is called {@code to} from now on. */
    void renamed(String from, String to) {
        formerNames.put(to, formerNames.getOrDefault(from, from));
        formerNames.remove(from);
    }

    /**
     * The columns of {@code table} as the old version writes them: {@code up} expressions are
     * evaluated over these, whatever the operations before this one renamed. A table created by
     * this migration has no old version; its current columns are given.
     */
    List<TableColumn> oldColumns(Table table) {
        return before.table(formerNames.getOrDefault(table.name(), table.name())).map(Table::columns)
                .orElse(table.columns());
    }

    /** Whether an earlier operation of this migration created the table (so it holds no rows yet). */
    boolean createdHere(String table) {
        return createdTables.contains(table);
    }

    void created(String table) {
        createdTables.add(table);
    }

    static Problem problem(ValidationProblem p) {
        return new Problem(p);
    }

    Table table(String name) {
        return schema.table(name).orElseThrow(() -> problem(new ValidationProblem.TableNotFound(name)));
    }

    static TableColumn column(Table table, String column) {
        return table.column(column)
                .orElseThrow(() -> problem(new ValidationProblem.ColumnNotFound(table.name(), column)));
    }

    /** A new identifier: at most 63 bytes, or PostgreSQL would silently cut it. */
    static void newName(String name) {
        if (MigrationValidator.tooLong(name)) {
            throw problem(new ValidationProblem.NameTooLong(name));
        }
    }

    /** A new relation (table or index) name: short enough and not used by any relation of the schema. */
    void newRelation(Schema current, String name) {
        newName(name);
        if (current.tables().containsKey(name)) {
            throw problem(new ValidationProblem.TableAlreadyExists(name));
        }
        if (current.relationExists(name)) {
            throw problem(new ValidationProblem.RelationNameTaken(name));
        }
    }

    static void newConstraint(Table table, String name) {
        newName(name);
        if (table.constraint(name).isPresent()) {
            throw problem(new ValidationProblem.ConstraintAlreadyExists(table.name(), name));
        }
    }

    void type(String column, String type) {
        if (sql != null && sql.typeError(type) != null) {
            throw problem(new ValidationProblem.TypeNotFound(column, type));
        }
    }

    /** {@code expression} (named {@code field} in the file) over a row of {@code columns}, as {@code castTo}. */
    void value(String field, String expression, String table, List<TableColumn> columns, String castTo) {
        if (sql != null && given(expression)) {
            fail(field, expression, sql.valueError(expression, table, columns, castTo));
        }
    }

    void condition(String field, String expression, String table, List<TableColumn> columns) {
        if (sql != null && given(expression)) {
            fail(field, expression, sql.conditionError(expression, table, columns));
        }
    }

    void defaultValue(String field, String expression, String type) {
        if (sql != null && given(expression)) {
            fail(field, expression, sql.defaultError(expression, type));
        }
    }

    /** Null and blank both mean "not given" (the format's default for these fields is ""). */
    private static boolean given(String expression) {
        return expression != null && !expression.isBlank();
    }

    private static void fail(String field, String expression, String error) {
        if (error != null) {
            throw problem(new ValidationProblem.InvalidExpression(field, expression, error));
        }
    }
}

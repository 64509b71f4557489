package dev.tuesday.migrate.schema;

import dev.tuesday.migrate.sql.Fragment;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lookups and SQL checks the operations' {@link dev.tuesday.migrate.op.Operation#validate}
 * share, each throwing a {@link Problem} that names what is wrong. One is made per operation by
 * {@link MigrationValidator}; {@code sql} is null when no database is at hand: then only names are
 * checked, and the SQL checks pass.
 */
public final class ValidationContext {

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
    ValidationContext(Schema schema, Schema before, Map<String, String> formerNames, SqlChecker sql, Set<String> createdTables) {
        this.schema = schema;
        this.before = before;
        this.formerNames = formerNames;
        this.sql = sql;
        this.createdTables = createdTables;
    }

    /** Records that the table {@code from} is called {@code to} from now on. */
    public void renamed(String from, String to) {
        formerNames.put(to, formerNames.getOrDefault(from, from));
        formerNames.remove(from);
    }

    /**
     * The columns of {@code table} as the old version writes them: {@code up} expressions are
     * evaluated over these, whatever the operations before this one renamed. A table created by
     * this migration has no old version; its current columns are given.
     */
    public List<TableColumn> oldColumns(Table table) {
        return before.table(formerNames.getOrDefault(table.name(), table.name())).map(Table::columns)
                .orElse(table.columns());
    }

    /** Whether an earlier operation of this migration created the table (so it holds no rows yet). */
    public boolean createdHere(String table) {
        return createdTables.contains(table);
    }

    /** Records that this operation creates {@code table}: the operations after it see it as empty. */
    public void created(String table) {
        createdTables.add(table);
    }

    /** The exception that reports {@code p}; throw it: {@code throw problem(new ColumnNotFound(table, column))}. */
    public static Problem problem(ValidationProblem p) {
        return new Problem(p);
    }

    /** The table {@code name} of the schema as the operations before this one leave it. */
    public Table table(String name) {
        return schema.table(name).orElseThrow(() -> problem(new ValidationProblem.TableNotFound(name)));
    }

    /** The column {@code column} of {@code table}. */
    public static TableColumn column(Table table, String column) {
        return table.column(column)
                .orElseThrow(() -> problem(new ValidationProblem.ColumnNotFound(table.name(), column)));
    }

    /** The constraint {@code name} of {@code table}. */
    public static TableConstraintInfo constraint(Table table, String name) {
        return table.constraint(name)
                .orElseThrow(() -> problem(new ValidationProblem.ConstraintNotFound(table.name(), name)));
    }

    /** A new identifier: at most 63 bytes, or PostgreSQL would silently cut it. */
    public static void newName(String name) {
        if (MigrationValidator.tooLong(name)) {
            throw problem(new ValidationProblem.NameTooLong(name));
        }
    }

    /** A new relation (table or index) name: short enough and not used by any relation of the schema. */
    public void newRelation(Schema current, String name) {
        newName(name);
        if (current.tables().containsKey(name)) {
            throw problem(new ValidationProblem.TableAlreadyExists(name));
        }
        if (current.relationExists(name)) {
            throw problem(new ValidationProblem.RelationNameTaken(name));
        }
    }

    /** A new constraint name: short enough and not used by a constraint of {@code table}. */
    public static void newConstraint(Table table, String name) {
        newName(name);
        if (table.constraint(name).isPresent()) {
            throw problem(new ValidationProblem.ConstraintAlreadyExists(table.name(), name));
        }
    }

    /**
     * {@code text} (named {@code field} in the file) is one piece of one statement, whatever else
     * it must be: it goes into generated SQL as it is ({@link Fragment}).
     */
    public static void fragment(String field, String text) {
        String problem = Fragment.problem(text);
        if (problem != null) {
            throw problem(new ValidationProblem.InvalidExpression(field, text, problem));
        }
    }

    /** {@code type} (of {@code column}) names a type the database knows. */
    public void type(String column, String type) {
        fragment("type", type);
        if (sql != null && sql.typeError(type) != null) {
            throw problem(new ValidationProblem.TypeNotFound(column, type));
        }
    }

    /** {@code expression} (named {@code field} in the file) over a row of {@code columns}, as {@code castTo}. */
    public void value(String field, String expression, String table, List<TableColumn> columns, String castTo) {
        fragment(field, expression);
        if (sql != null && given(expression)) {
            fail(field, expression, sql.valueError(expression, table, columns, castTo));
        }
    }

    /** {@code expression} (named {@code field} in the file) is a boolean condition over a row of {@code columns}. */
    public void condition(String field, String expression, String table, List<TableColumn> columns) {
        fragment(field, expression);
        if (sql != null && given(expression)) {
            fail(field, expression, sql.conditionError(expression, table, columns));
        }
    }

    /** {@code expression} (named {@code field} in the file) is a valid default for a column of {@code type}. */
    public void defaultValue(String field, String expression, String type) {
        fragment(field, expression);
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

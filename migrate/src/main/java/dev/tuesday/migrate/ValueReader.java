package dev.tuesday.migrate;

import dev.tuesday.migrate.op.CheckConstraint;
import dev.tuesday.migrate.op.Column;
import dev.tuesday.migrate.op.ConstraintType;
import dev.tuesday.migrate.op.ForeignKeyReference;
import dev.tuesday.migrate.op.Generated;
import dev.tuesday.migrate.op.IndexParameters;
import dev.tuesday.migrate.op.TableConstraint;
import dev.tuesday.migrate.op.TableForeignKeyReference;
import dev.tuesday.migrate.op.UniqueConstraint;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the value objects several operations share: columns, constraints, references. Public so
 * that the operation records ({@code dev.tuesday.migrate.op}), which each read their own body,
 * read these the same way; each method fails with a {@link MigrationFileException} naming the path.
 */
public final class ValueReader {

    static final List<String> FK_ACTIONS = List.of("NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT");
    static final List<String> MATCH_TYPES = List.of("SIMPLE", "FULL", "PARTIAL");

    private ValueReader() {
    }

    /** A column of {@code create_table} or {@code add_column}; {@code nullable} defaults to false. */
    public static Column column(FormatNode c) {
        c.object("name", "type", "nullable", "pk", "unique", "default", "check", "references", "comment", "generated");
        FormatNode check = c.optional("check");
        FormatNode references = c.optional("references");
        FormatNode generated = c.optional("generated");
        return new Column(c.requiredString("name"), c.requiredString("type"), c.bool("nullable", false),
                c.bool("pk", false), c.bool("unique", false), c.optionalString("default"),
                check == null ? null : checkConstraint(check), references == null ? null : foreignKey(references),
                c.optionalString("comment"), generated == null ? null : generated(generated));
    }

    /** Exactly one of {@code expression} (a stored generated column) and {@code identity}. */
    private static Generated generated(FormatNode g) {
        g.object("expression", "identity");
        String expression = g.optionalString("expression");
        FormatNode identity = g.optional("identity");
        if ((expression == null) == (identity == null)) {
            throw g.fail("give either \"expression\" (a generated column) or \"identity\" (an identity column)");
        }
        if (identity == null) {
            return new Generated(expression, null);
        }
        identity.object("user_specified_values", "sequence_options");
        return new Generated(null, new Generated.Identity(
                identity.choice("user_specified_values", "ALWAYS", List.of("ALWAYS", "BY DEFAULT")),
                identity.optionalString("sequence_options")));
    }

    /** A named single-column check ({@code name}, {@code constraint}, {@code no_inherit}). */
    public static CheckConstraint checkConstraint(FormatNode c) {
        c.object("name", "constraint", "no_inherit");
        return new CheckConstraint(c.requiredString("name"), c.requiredString("constraint"), c.bool("no_inherit", false));
    }

    /** A named single-column unique constraint. */
    public static UniqueConstraint uniqueConstraint(FormatNode u) {
        u.object("name");
        return new UniqueConstraint(u.requiredString("name"));
    }

    /** A named single-column foreign key; match type {@code SIMPLE} and actions {@code NO ACTION} by default. */
    public static ForeignKeyReference foreignKey(FormatNode r) {
        r.object("name", "table", "column", "match_type", "on_delete", "on_update", "deferrable", "initially_deferred");
        return new ForeignKeyReference(r.requiredString("name"), r.requiredString("table"), r.requiredString("column"),
                r.choice("match_type", "SIMPLE", MATCH_TYPES), r.choice("on_delete", "NO ACTION", FK_ACTIONS),
                r.choice("on_update", "NO ACTION", FK_ACTIONS), r.bool("deferrable", false),
                r.bool("initially_deferred", false));
    }

    /** The referenced side of a multi-column foreign key, with the same defaults as {@link #foreignKey}. */
    public static TableForeignKeyReference tableForeignKey(FormatNode r) {
        r.object("table", "columns", "match_type", "on_delete", "on_update", "on_delete_set_columns");
        return new TableForeignKeyReference(r.requiredString("table"), r.stringList("columns", true),
                r.choice("match_type", "SIMPLE", MATCH_TYPES), r.choice("on_delete", "NO ACTION", FK_ACTIONS),
                r.choice("on_update", "NO ACTION", FK_ACTIONS), r.stringList("on_delete_set_columns", false));
    }

    /** The index settings of a unique, primary-key or exclusion constraint. */
    public static IndexParameters indexParameters(FormatNode p) {
        p.object("tablespace", "storage_parameters", "include_columns");
        return new IndexParameters(p.optionalString("tablespace"), p.optionalString("storage_parameters"),
                p.stringList("include_columns", false));
    }

    /**
     * A constraint of {@code create_table}. Besides the fields every type has, each type takes
     * its own: {@code check} for check, {@code references} for foreign_key, {@code exclude} for
     * exclude, {@code index_parameters} for unique, primary_key and exclude.
     */
    public static TableConstraint tableConstraint(FormatNode c) {
        c.object("name", "type", "columns", "deferrable", "initially_deferred", "nulls_not_distinct", "no_inherit",
                "check", "references", "exclude", "index_parameters");
        ConstraintType type = constraintType(c, List.of(ConstraintType.values()));
        switch (type) {
            case UNIQUE -> allowOnly(c, type, "columns", "deferrable", "initially_deferred", "nulls_not_distinct",
                    "index_parameters");
            case CHECK -> allowOnly(c, type, "columns", "no_inherit", "check");
            case PRIMARY_KEY -> allowOnly(c, type, "columns", "deferrable", "initially_deferred", "index_parameters");
            case FOREIGN_KEY -> allowOnly(c, type, "columns", "deferrable", "initially_deferred", "references");
            case EXCLUDE -> allowOnly(c, type, "deferrable", "initially_deferred", "exclude", "index_parameters");
        }
        boolean needsColumns = type != ConstraintType.CHECK && type != ConstraintType.EXCLUDE;
        List<String> columns = c.stringList("columns", needsColumns);
        if (needsColumns && columns.isEmpty()) {
            throw c.fail("columns", "a " + type.spelling() + " constraint needs at least one column");
        }
        FormatNode references = type == ConstraintType.FOREIGN_KEY ? c.required("references") : null;
        FormatNode exclude = type == ConstraintType.EXCLUDE ? c.required("exclude") : null;
        boolean indexed = type == ConstraintType.UNIQUE || type == ConstraintType.PRIMARY_KEY
                || type == ConstraintType.EXCLUDE;
        FormatNode parameters = indexed ? c.optional("index_parameters") : null;
        return new TableConstraint(c.requiredString("name"), type, columns, c.bool("deferrable", false),
                c.bool("initially_deferred", false), c.bool("nulls_not_distinct", false), c.bool("no_inherit", false),
                type == ConstraintType.CHECK ? c.requiredString("check") : null,
                references == null ? null : tableForeignKey(references),
                exclude == null ? null : exclude(exclude),
                parameters == null ? null : indexParameters(parameters));
    }

    private static TableConstraint.Exclude exclude(FormatNode e) {
        e.object("index_method", "elements", "predicate");
        String elements = e.optionalString("elements");
        if (elements == null) {
            throw e.fail("missing required field \"elements\" (the exclusion's element WITH operator list)");
        }
        return new TableConstraint.Exclude(e.optionalString("index_method"), elements, e.optionalString("predicate"));
    }

    /** The required {@code type} of a constraint, one of {@code allowed} by its file spelling. */
    public static ConstraintType constraintType(FormatNode c, List<ConstraintType> allowed) {
        List<String> spellings = allowed.stream().map(ConstraintType::spelling).toList();
        String spelling = c.choice("type", null, spellings);
        if (spelling == null) {
            throw c.fail("missing required field \"type\"");
        }
        return allowed.get(spellings.indexOf(spelling));
    }

    /** Rejects a field that the constraint type does not take (e.g. {@code check} on a unique). */
    public static void allowOnly(FormatNode c, ConstraintType type, String... fields) {
        List<String> common = List.of("name", "type");
        List<String> allowed = Arrays.asList(fields);
        for (String field : c.fieldNames()) {
            // Tools that write every field with its zero value are fine: only a real value is wrong.
            if (!common.contains(field) && !allowed.contains(field) && !c.isEmptyValue(field)) {
                throw c.fail("field \"" + field + "\" does not apply to a " + type.spelling() + " constraint");
            }
        }
    }
}

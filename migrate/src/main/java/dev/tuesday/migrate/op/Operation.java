package dev.tuesday.migrate.op;

import dev.tuesday.migrate.FormatNode;
import dev.tuesday.migrate.internal.BackfillTarget;
import dev.tuesday.migrate.internal.PlanContext;
import dev.tuesday.migrate.internal.Sql;
import dev.tuesday.migrate.internal.Step;
import dev.tuesday.migrate.internal.SyncRule;
import dev.tuesday.migrate.schema.ValidationContext;
import dev.tuesday.migrate.schema.Schema;
import java.util.List;
import java.util.function.Function;

/**
 * One operation of a migration file, as pgroll's format names it ({@code add_column},
 * {@code rename_column}, …). A value: what to change; each operation record also knows how it is
 * read from a file ({@code static Xxx read(FormatNode)}), how it changes the in-memory schema the
 * validator checks ({@link #validate}) and which SQL it needs in each phase ({@link #plan}). As
 * pgroll keeps one file per operation, everything about one operation is in its record's file.
 *
 * <h2>Adding an operation</h2>
 *
 * Two files:
 * <ol>
 *   <li>the record, {@code op/Xxx.java}: its components (the file's fields, with the format's
 *       defaults applied), {@link #kind()}, a package-private {@code static Xxx read(FormatNode node)}
 *       that reads the body of the entry strictly (shared value objects through
 *       {@link dev.tuesday.migrate.ValueReader}), {@link #validate} and {@link #plan}, and in its
 *       javadoc the expand/contract strategy its plan follows;</li>
 *   <li>this file: the record's name in {@code permits} and its line in {@link #KINDS}, at the
 *       place the specification lists it.</li>
 * </ol>
 * Nothing else names the operation kinds: the reader, the validator and the planner go through
 * this interface.
 */
public sealed interface Operation
        permits CreateTable, AddColumn, DropColumn, RenameColumn, AlterColumn, RenameTable, DropTable,
                CreateIndex, DropIndex, CreateConstraint, DropConstraint, DropMultiColumnConstraint,
                RenameConstraint, SetReplicaIdentity, RawSql {

    /**
     * The operation kinds of the format, in the order the specification lists them: the one
     * registry the reader dispatches on (and suggests from, for a misspelt kind).
     */
    List<Kind> KINDS = List.of(
            new Kind("create_table", CreateTable::read),
            new Kind("add_column", AddColumn::read),
            new Kind("drop_column", DropColumn::read),
            new Kind("rename_column", RenameColumn::read),
            new Kind("alter_column", AlterColumn::read),
            new Kind("rename_table", RenameTable::read),
            new Kind("drop_table", DropTable::read),
            new Kind("create_index", CreateIndex::read),
            new Kind("drop_index", DropIndex::read),
            new Kind("create_constraint", CreateConstraint::read),
            new Kind("drop_constraint", DropConstraint::read),
            new Kind("drop_multicolumn_constraint", DropMultiColumnConstraint::read),
            new Kind("rename_constraint", RenameConstraint::read),
            new Kind("set_replica_identity", SetReplicaIdentity::read),
            new Kind("sql", RawSql::read));

    /**
     * One kind of operation: its key in a migration file and how its body is read.
     *
     * @param name the key, e.g. {@code "rename_column"}; equal to {@link Operation#kind()} of what {@code read} returns
     * @param read reads the entry's body (the value under the key), failing with a
     *        {@link dev.tuesday.migrate.MigrationFileException} that names the path
     */
    record Kind(String name, Function<FormatNode, Operation> read) {
    }

    /** The operation's key in a migration file, e.g. {@code "rename_column"}. */
    String kind();

    /**
     * Checks this operation against {@code schema}, the in-memory picture of the schema as the
     * operations before it leave it, without touching the database: names must exist or be free
     * as the operation needs, and (when {@code checks} has a database at hand) types and SQL
     * fragments must be valid.
     *
     * @return {@code schema} as this operation leaves it
     * @throws dev.tuesday.migrate.schema.Problem naming what is wrong (see {@link ValidationContext#problem}),
     *         which the validator turns into a {@link dev.tuesday.migrate.ValidationException}
     */
    Schema validate(Schema schema, ValidationContext checks);

    /**
     * Adds the steps, sync rules and backfill targets of this operation to {@code plan}. The
     * contract every operation's plan keeps:
     *
     * <ul>
     *   <li><b>No database access.</b> A plan reads the schema as the new version sees it
     *       ({@link PlanContext#schema()}, already changed by the operations before this one) and
     *       returns SQL through the context; one executor runs it. So a plan can be printed and
     *       unit-tested.</li>
     *   <li><b>Start is an expand.</b> Steps added with {@link PlanContext#expand} must leave the old
     *       version working: add, never drop or rename physically; new columns nullable (NOT NULL
     *       goes through {@link PlanContext#notNullCheck}); indexes through {@link Step.Concurrently}.</li>
     *   <li><b>The new shape is the schema.</b> The plan moves {@link PlanContext#schema()} on with
     *       the {@code with…} copies of {@link Schema} and its tables, so the version schema's views
     *       (generated by the engine from the final schema) show the new shape: visible names map
     *       to physical tables and columns.</li>
     *   <li><b>Both versions keep writing.</b> Where the shapes differ in data, the plan adds
     *       {@link SyncRule}s (old → new with {@code up}, new → old with {@code down}) and, for
     *       existing rows, a {@link BackfillTarget}. The engine turns them into one cheap trigger per
     *       table and a batched backfill.</li>
     *   <li><b>Complete contracts, rollback undoes.</b> {@link PlanContext#contract} steps run after
     *       the previous version schema and the triggers are gone; {@link PlanContext#rollback} steps
     *       run (for operations in reverse order) after the new version schema and triggers are gone,
     *       and must leave the old shape exactly as it was. Rollback steps use {@code IF EXISTS}
     *       so that they also clean up a start that stopped half-way.</li>
     *   <li><b>Identifiers quoted</b> with {@link Sql#ident}; {@code up}, {@code down}, {@code check}
     *       and {@code default} expressions are inserted as given, in parentheses.</li>
     * </ul>
     *
     * @throws IllegalArgumentException when the operation does not fit the schema; the planner
     *         names the file and the operation in front of the message
     */
    void plan(PlanContext plan);
}

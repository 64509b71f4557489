package dev.tuesday.migrate.op;

/**
 * One operation of a migration file, as pgroll's format names it ({@code add_column},
 * {@code rename_column}, …). A value: what to change, not how; the engine plans the SQL.
 */
public sealed interface Operation
        permits CreateTable, AddColumn, DropColumn, RenameColumn, AlterColumn, RenameTable, DropTable,
                CreateIndex, DropIndex, CreateConstraint, DropConstraint, DropMultiColumnConstraint,
                RenameConstraint, SetReplicaIdentity, RawSql {

    /** The operation's key in a migration file, e.g. {@code "rename_column"}. */
    String kind();
}

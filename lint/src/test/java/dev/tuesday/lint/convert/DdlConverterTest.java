package dev.tuesday.lint.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tuesday.lint.LintException;
import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.op.AddColumn;
import dev.tuesday.migrate.op.AlterColumn;
import dev.tuesday.migrate.op.ConstraintType;
import dev.tuesday.migrate.op.CreateConstraint;
import dev.tuesday.migrate.op.CreateIndex;
import dev.tuesday.migrate.op.CreateTable;
import dev.tuesday.migrate.op.DropColumn;
import dev.tuesday.migrate.op.DropConstraint;
import dev.tuesday.migrate.op.DropIndex;
import dev.tuesday.migrate.op.DropTable;
import dev.tuesday.migrate.op.IndexField;
import dev.tuesday.migrate.op.Operation;
import dev.tuesday.migrate.op.Patch;
import dev.tuesday.migrate.op.RawSql;
import dev.tuesday.migrate.op.RenameColumn;
import dev.tuesday.migrate.op.RenameConstraint;
import dev.tuesday.migrate.op.RenameTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of statement as the operation the migration reader reads back, and what is not converted. */
class DdlConverterTest {

    /** Converts {@code sql}, which must convert whole, and reads the YAML back with the migration reader. */
    private static List<Operation> converted(String sql) {
        Conversion c = DdlConverter.convert("change.sql", sql);
        assertThat(c.unconverted()).isEmpty();
        Migration read = MigrationFile.parse(MigrationText.yaml(c), "change.yaml", MigrationFile.Format.YAML);
        return read.operations();
    }

    private static Operation one(String sql) {
        List<Operation> ops = converted(sql);
        assertThat(ops).hasSize(1);
        return ops.get(0);
    }

    private static List<String> todos(String sql) {
        return DdlConverter.convert("change.sql", sql).todos();
    }

    @Test
    void renameColumnBecomesRenameColumn() {
        assertThat(one("ALTER TABLE users RENAME COLUMN name TO full_name;"))
                .isEqualTo(new RenameColumn("users", "name", "full_name"));
        assertThat(todos("ALTER TABLE public.users RENAME name TO full_name")).isEmpty();
    }

    @Test
    void renameTableAndConstraintBecomeTheirOperations() {
        assertThat(one("ALTER TABLE users RENAME TO people")).isEqualTo(new RenameTable("users", "people"));
        assertThat(one("ALTER TABLE users RENAME CONSTRAINT users_a_key TO users_b_key"))
                .isEqualTo(new RenameConstraint("users", "users_a_key", "users_b_key"));
    }

    @Test
    void addColumnNotNullWithADefaultNeedsNoUp() {
        AddColumn add = (AddColumn) one("ALTER TABLE users ADD COLUMN score integer NOT NULL DEFAULT 0");
        assertThat(add.table()).isEqualTo("users");
        assertThat(add.column().name()).isEqualTo("score");
        assertThat(add.column().type()).isEqualTo("integer");
        assertThat(add.column().nullable()).isFalse();
        assertThat(add.column().defaultValue()).isEqualTo("0");
        assertThat(add.up()).isNull();
    }

    @Test
    void addColumnNotNullWithoutADefaultLeavesUpToAPerson() {
        String sql = "ALTER TABLE users ADD email text NOT NULL";
        AddColumn add = (AddColumn) one(sql);
        assertThat(add.up()).startsWith("TODO: ").contains("email");
        assertThat(todos(sql)).containsExactly("operations[0].add_column.up");
    }

    @Test
    void addColumnKeepsCheckReferencesAndUniqueWithPostgresNames() {
        AddColumn add = (AddColumn) one("ALTER TABLE orders ADD COLUMN user_id bigint UNIQUE "
                + "CHECK (user_id > 0) REFERENCES users (id) ON DELETE CASCADE");
        assertThat(add.column().nullable()).isTrue();
        assertThat(add.column().unique()).isTrue();
        assertThat(add.column().check().name()).isEqualTo("orders_user_id_check");
        assertThat(add.column().check().constraint()).isEqualTo("user_id > 0");
        assertThat(add.column().references().name()).isEqualTo("orders_user_id_fkey");
        assertThat(add.column().references().table()).isEqualTo("users");
        assertThat(add.column().references().column()).isEqualTo("id");
        assertThat(add.column().references().onDelete()).isEqualTo("CASCADE");
        assertThat(add.up()).isNull();
    }

    @Test
    void dropColumnLeavesDownToAPerson() {
        DropColumn drop = (DropColumn) one("ALTER TABLE users DROP COLUMN IF EXISTS nickname");
        assertThat(drop.table()).isEqualTo("users");
        assertThat(drop.column()).isEqualTo("nickname");
        assertThat(drop.down()).startsWith("TODO: ");
    }

    @Test
    void typeChangeKeepsUsingAsUpAndLeavesDown() {
        AlterColumn plain = (AlterColumn) one("ALTER TABLE users ALTER COLUMN age TYPE bigint");
        assertThat(plain.type()).isEqualTo("bigint");
        assertThat(plain.up()).isNull();
        assertThat(plain.down()).startsWith("TODO: ").contains("CAST(age AS <old type>)");
        AlterColumn using = (AlterColumn) one("ALTER TABLE users ALTER age SET DATA TYPE numeric(10, 2) USING age / 100.0");
        assertThat(using.type()).isEqualTo("numeric(10, 2)");
        assertThat(using.up()).isEqualTo("age / 100.0");
        assertThat(todos("ALTER TABLE users ALTER age TYPE text")).containsExactly("operations[0].alter_column.down");
    }

    @Test
    void setNotNullSuggestsCoalesceInUp() {
        AlterColumn alter = (AlterColumn) one("ALTER TABLE users ALTER COLUMN email SET NOT NULL");
        assertThat(alter.nullable()).isFalse();
        assertThat(alter.up()).startsWith("TODO: coalesce(email, ");
        assertThat(alter.down()).isNull();
    }

    @Test
    void dropNotNullLeavesDownAndDefaultsNeedNeither() {
        AlterColumn drop = (AlterColumn) one("ALTER TABLE users ALTER COLUMN email DROP NOT NULL");
        assertThat(drop.nullable()).isTrue();
        assertThat(drop.down()).startsWith("TODO: coalesce(email, ");
        AlterColumn set = (AlterColumn) one("ALTER TABLE users ALTER COLUMN active SET DEFAULT true");
        assertThat(set.defaultValue()).isEqualTo(new Patch<>("true"));
        AlterColumn dropped = (AlterColumn) one("ALTER TABLE users ALTER COLUMN active DROP DEFAULT");
        assertThat(dropped.defaultValue()).isEqualTo(new Patch<String>(null));
        assertThat(todos("ALTER TABLE users ALTER active SET DEFAULT now(), ALTER active DROP DEFAULT")).isEmpty();
    }

    @Test
    void addConstraintBecomesCreateConstraintWithUpAndDownPerColumnLeftToAPerson() {
        CreateConstraint check = (CreateConstraint) one(
                "ALTER TABLE users ADD CONSTRAINT age_positive CHECK (age > 0 AND age::int < max_age) NOT VALID");
        assertThat(check.name()).isEqualTo("age_positive");
        assertThat(check.type()).isEqualTo(ConstraintType.CHECK);
        assertThat(check.check()).isEqualTo("age > 0 AND age::int < max_age");
        assertThat(check.columns()).containsExactly("age", "max_age");
        assertThat(check.up().keySet()).containsExactly("age", "max_age");
        assertThat(check.up().values()).allMatch(v -> v.startsWith("TODO: "));

        CreateConstraint unique = (CreateConstraint) one("ALTER TABLE users ADD UNIQUE (email, tenant)");
        assertThat(unique.name()).isEqualTo("users_email_tenant_key");
        assertThat(unique.type()).isEqualTo(ConstraintType.UNIQUE);
        assertThat(todos("ALTER TABLE users ADD UNIQUE (email)"))
                .containsExactly("operations[0].create_constraint.up.email", "operations[0].create_constraint.down.email");

        CreateConstraint fk = (CreateConstraint) one("ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) "
                + "REFERENCES users (id) ON DELETE SET NULL");
        assertThat(fk.type()).isEqualTo(ConstraintType.FOREIGN_KEY);
        assertThat(fk.references().table()).isEqualTo("users");
        assertThat(fk.references().columns()).containsExactly("id");
        assertThat(fk.references().onDelete()).isEqualTo("SET NULL");
    }

    @Test
    void dropConstraintLeavesUpAndDown() {
        DropConstraint drop = (DropConstraint) one("ALTER TABLE users DROP CONSTRAINT IF EXISTS age_positive");
        assertThat(drop.name()).isEqualTo("age_positive");
        assertThat(drop.up()).startsWith("TODO: ");
        assertThat(drop.down()).startsWith("TODO: ");
    }

    @Test
    void createIndexIsBuiltConcurrentlyByConstruction() {
        CreateIndex index = (CreateIndex) one(
                "CREATE UNIQUE INDEX users_email_idx ON users USING btree (email DESC NULLS LAST) WHERE deleted_at IS NULL");
        assertThat(index.name()).isEqualTo("users_email_idx");
        assertThat(index.table()).isEqualTo("users");
        assertThat(index.unique()).isTrue();
        assertThat(index.method()).isEqualTo("btree");
        assertThat(index.predicate()).isEqualTo("deleted_at IS NULL");
        assertThat(index.columns()).extracting(IndexField::column, IndexField::sort, IndexField::nulls)
                .containsExactly(tuple("email", "DESC", "LAST"));
        CreateIndex unnamed = (CreateIndex) one("CREATE INDEX CONCURRENTLY ON users (tenant, email) WITH (fillfactor = 70)");
        assertThat(unnamed.name()).isEqualTo("users_tenant_email_idx");
        assertThat(unnamed.storageParameters()).isEqualTo("fillfactor = 70");
    }

    @Test
    void dropIndexAndDropTableBecomeOneOperationPerName() {
        assertThat(converted("DROP INDEX CONCURRENTLY IF EXISTS a_idx, b_idx; DROP TABLE old_audit;"))
                .containsExactly(new DropIndex("a_idx"), new DropIndex("b_idx"), new DropTable("old_audit"));
    }

    @Test
    void createTableBecomesCreateTableWithItsConstraints() {
        CreateTable table = (CreateTable) one("""
                CREATE TABLE orders (
                    id bigint GENERATED ALWAYS AS IDENTITY,
                    user_id bigint NOT NULL REFERENCES users (id),
                    total numeric(10,2) DEFAULT 0 CHECK (total >= 0),
                    note text,
                    PRIMARY KEY (id),
                    CONSTRAINT orders_note_key UNIQUE (note)
                )""");
        assertThat(table.name()).isEqualTo("orders");
        assertThat(table.columns()).extracting(c -> c.name(), c -> c.type(), c -> c.pk(), c -> c.nullable())
                .containsExactly(tuple("id", "bigint", true, false),
                        tuple("user_id", "bigint", false, false),
                        tuple("total", "numeric(10,2)", false, true),
                        tuple("note", "text", false, true));
        assertThat(table.columns().get(0).generated().identity().userSpecifiedValues()).isEqualTo("ALWAYS");
        assertThat(table.columns().get(1).references().name()).isEqualTo("orders_user_id_fkey");
        assertThat(table.columns().get(2).defaultValue()).isEqualTo("0");
        assertThat(table.columns().get(2).check().constraint()).isEqualTo("total >= 0");
        assertThat(table.constraints()).extracting(c -> c.name(), c -> c.type())
                .containsExactly(tuple("orders_note_key", ConstraintType.UNIQUE));
    }

    @Test
    void safeStatementsBecomeRawSqlAndTransactionControlIsDropped() {
        assertThat(converted("BEGIN; SET lock_timeout = '2s'; COMMENT ON TABLE users IS 'people'; "
                + "CREATE EXTENSION IF NOT EXISTS pg_trgm; COMMIT;"))
                .containsExactly(new RawSql("COMMENT ON TABLE users IS 'people'", null, false),
                        new RawSql("CREATE EXTENSION IF NOT EXISTS pg_trgm", null, false));
        assertThat(one("CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$"))
                .isEqualTo(new RawSql("CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$", null, false));
        assertThat(one("ALTER TABLE users VALIDATE CONSTRAINT users_age_check"))
                .isEqualTo(new RawSql("ALTER TABLE users VALIDATE CONSTRAINT users_age_check", null, false));
    }

    @Test
    void statementsWithoutASafeOperationAreReportedWithTheirLineAndReasonAndLeftOutWhole() {
        Conversion c = DdlConverter.convert("change.sql", """
                ALTER TABLE users RENAME COLUMN name TO full_name;
                UPDATE users SET active = true;
                ALTER TABLE users ADD COLUMN a text, ADD COLUMN id2 bigserial;
                CREATE INDEX users_lower_idx ON users (lower(email));
                DROP TABLE old CASCADE;
                ALTER TABLE users ADD COLUMN b text COLLATE "C";
                CREATE TEMP TABLE scratch (a int);
                VACUUM users;
                """);
        assertThat(c.complete()).isFalse();
        assertThat(c.operations()).extracting(ConvertedOperation::kind).containsExactly("rename_column");
        assertThat(c.unconverted()).extracting(Unconverted::line).containsExactly(2, 3, 4, 5, 6, 7, 8);
        assertThat(c.unconverted().get(0).reason()).contains("up expression");
        assertThat(c.unconverted().get(1).reason()).contains("serial");
        assertThat(c.unconverted().get(2).reason()).contains("expression");
        assertThat(c.unconverted().get(3).reason()).contains("CASCADE");
        assertThat(c.unconverted().get(4).reason()).contains("COLLATE");
        assertThat(c.unconverted().get(5).reason()).contains("TEMP");
        assertThat(c.unconverted().get(6).reason()).contains("by hand");
        assertThat(c.unconverted().get(1).statement()).startsWith("ALTER TABLE users ADD COLUMN a text");
    }

    @Test
    void textThatCannotBeSplitIsAnErrorNamingTheLine() {
        assertThatThrownBy(() -> DdlConverter.convert("bad.sql", "SELECT 1;\nSELECT 'open"))
                .isInstanceOf(LintException.class).hasMessageStartingWith("bad.sql:2: ");
    }
}

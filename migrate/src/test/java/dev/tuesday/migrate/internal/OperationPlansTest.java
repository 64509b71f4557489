package dev.tuesday.migrate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.MigrationException;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.TableColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plans of the table, index, constraint and raw SQL operations, without a database: which
 * phase each statement runs in and how, the rules the executor relies on (indexes and unique
 * constraints {@code CONCURRENTLY}, foreign keys and checks {@code NOT VALID} then validated,
 * identifiers quoted), and errors naming the operation.
 */
class OperationPlansTest {

    private static Schema users() {
        return Schema.empty("public").withTable(Table.empty("users")
                .withColumn(new TableColumn("id", "bigint", false, null, null, null, null))
                .withColumn(new TableColumn("name", "text", true, null, null, null, null))
                .withColumn(new TableColumn("email", "text", false, null, null, null, null))
                .withPrimaryKey(List.of("id")));
    }

    private static Plan plan(String operations) {
        return Planners.plan(Migrations.yaml("02_x", "operations:\n" + operations), users(), "public_02_x", "public_01");
    }

    private static List<String> sql(List<Step> steps) {
        return steps.stream().map(Step::sql).toList();
    }

    @Test
    void createIndexIsBuiltConcurrentlyAfterTheBackfillAndDroppedConcurrentlyOnRollback() {
        Plan p = plan("""
                  - create_index: {name: users_name_idx, table: users, columns: [{column: name, sort: DESC}], predicate: name IS NOT NULL}
                """);
        assertThat(p.afterBackfill()).singleElement().isInstanceOf(Step.Concurrently.class).extracting(Step::sql)
                .isEqualTo("CREATE INDEX CONCURRENTLY \"users_name_idx\" ON \"public\".\"users\" USING btree"
                        + " (\"name\" DESC) WHERE (name IS NOT NULL)");
        assertThat(p.rollback()).filteredOn(s -> s instanceof Step.Concurrently).extracting(Step::sql)
                .containsExactly("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"users_name_idx\"");
        assertThat(p.complete()).extracting(Step::sql).noneMatch(s -> s.contains("users_name_idx"));
    }

    @Test
    void dropIndexWaitsForCompleteAndRunsConcurrently() {
        Plan p = plan("""
                  - drop_index: {name: users_name_idx}
                """);
        assertThat(sql(p.expand())).noneMatch(s -> s.contains("users_name_idx"));
        assertThat(p.complete()).filteredOn(s -> s instanceof Step.Concurrently).extracting(Step::sql)
                .containsExactly("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"users_name_idx\"");
    }

    @Test
    void uniqueConstraintIsAnIndexBuiltConcurrentlyOnShadowColumnsAndAttachedAtComplete() {
        Plan p = plan("""
                  - create_constraint: {table: users, name: users_name_email_key, type: unique, columns: [name, email], up: {}, down: {}}
                """);
        assertThat(sql(p.expand())).contains("ALTER TABLE \"public\".\"users\" ADD COLUMN \"_tuesday_new_name\" text",
                "ALTER TABLE \"public\".\"users\" ADD COLUMN \"_tuesday_new_email\" text");
        assertThat(p.backfill()).extracting(BackfillTarget::target).containsExactly("_tuesday_new_name", "_tuesday_new_email");
        assertThat(p.afterBackfill()).filteredOn(s -> s instanceof Step.Concurrently).extracting(Step::sql)
                .containsExactly("CREATE UNIQUE INDEX CONCURRENTLY \"users_name_email_key\" ON \"public\".\"users\""
                        + " (\"_tuesday_new_name\", \"_tuesday_new_email\")");
        List<String> complete = sql(p.complete());
        int replace = indexOf(complete, "RENAME COLUMN \"_tuesday_new_email\" TO \"email\"");
        int attach = indexOf(complete, "UNIQUE USING INDEX \"users_name_email_key\"");
        assertThat(replace).isNotNegative().isLessThan(attach);
        // email was NOT NULL: its shadow is made NOT NULL through a validated check, not a scan under lock.
        assertThat(sql(p.expand())).anyMatch(s -> s.contains("CHECK (\"_tuesday_new_email\" IS NOT NULL) NOT VALID"));
        assertThat(sql(p.rollback())).contains("ALTER TABLE \"public\".\"users\" DROP COLUMN IF EXISTS \"_tuesday_new_name\"");
    }

    @Test
    void foreignKeyAndCheckAreAddedNotValidThenValidatedAfterTheBackfill() {
        Plan p = plan("""
                  - create_constraint:
                      table: users
                      name: users_fk
                      type: foreign_key
                      columns: [name]
                      references: {table: teams, columns: [title]}
                      up: {}
                      down: {}
                  - create_constraint: {table: users, name: users_chk, type: check, columns: [email], check: length(email) > 3, up: {}, down: {}}
                """);
        assertThat(sql(p.expand())).anyMatch(s -> s.contains("ADD CONSTRAINT \"users_fk\" FOREIGN KEY (\"_tuesday_new_name\")"
                + " REFERENCES \"public\".\"teams\" (\"title\")") && s.endsWith(" NOT VALID"));
        assertThat(sql(p.expand())).anyMatch(s -> s.contains("ADD CONSTRAINT \"users_chk\" CHECK (") && s.endsWith(" NOT VALID"));
        assertThat(sql(p.afterBackfill())).contains("ALTER TABLE \"public\".\"users\" VALIDATE CONSTRAINT \"users_fk\"",
                "ALTER TABLE \"public\".\"users\" VALIDATE CONSTRAINT \"users_chk\"");
        assertThat(sql(p.complete())).anyMatch(s -> s.contains("ADD CONSTRAINT \"users_chk\" CHECK (length(email) > 3) NOT VALID"));
    }

    @Test
    void renameTableRunsAfterEveryOtherCompleteStepAndQuotesTheNewName() {
        Plan p = plan("""
                  - rename_table: {from: users, to: 'Pe "ople"'}
                  - drop_column: {table: 'Pe "ople"', column: email}
                """);
        assertThat(p.complete().getLast().sql()).isEqualTo("ALTER TABLE \"public\".\"users\" RENAME TO \"Pe \"\"ople\"\"\"");
        assertThat(sql(p.complete())).anyMatch(s -> s.equals("ALTER TABLE \"public\".\"users\" DROP COLUMN IF EXISTS \"email\""));
        assertThat(sql(p.expand())).anyMatch(s -> s.contains("CREATE VIEW \"public_02_x\".\"Pe \"\"ople\"\"\""));
    }

    @Test
    void dropTableAndConstraintsAndReplicaIdentityChangeNothingBeforeComplete() {
        Plan p = plan("""
                  - drop_constraint: {table: users, name: users_chk, up: name, down: name}
                  - rename_constraint: {table: users, from: a, to: b}
                  - set_replica_identity: {table: users, identity: {type: full}}
                  - drop_table: {name: users}
                """);
        assertThat(sql(p.expand())).noneMatch(s -> s.contains("users_chk") || s.contains("REPLICA") || s.contains("DROP"));
        assertThat(sql(p.complete())).containsSubsequence(
                "ALTER TABLE \"public\".\"users\" DROP CONSTRAINT IF EXISTS \"users_chk\"",
                "ALTER TABLE \"public\".\"users\" RENAME CONSTRAINT \"a\" TO \"b\"",
                "ALTER TABLE \"public\".\"users\" REPLICA IDENTITY FULL",
                "DROP TABLE IF EXISTS \"public\".\"users\"");
    }

    @Test
    void rawSqlRunsUpAtStartAndDownAtRollbackOrUpAtCompleteOnly() {
        Plan atStart = plan("""
                  - sql: {up: CREATE TABLE t (id int), down: DROP TABLE t}
                """);
        assertThat(sql(atStart.expand())).contains("CREATE TABLE t (id int)");
        assertThat(sql(atStart.rollback())).contains("DROP TABLE t");
        Plan atComplete = plan("""
                  - sql: {up: CREATE TABLE t (id int), onComplete: true}
                """);
        assertThat(sql(atComplete.expand())).doesNotContain("CREATE TABLE t (id int)");
        assertThat(sql(atComplete.complete())).contains("CREATE TABLE t (id int)");
    }

    @Test
    void anUnknownTableIsAnErrorNamingTheOperation() {
        assertThatThrownBy(() -> plan("""
                  - create_index: {name: i, table: nope, columns: [x]}
                """)).isInstanceOf(MigrationException.class)
                .hasMessage("02_x.yaml: operations[0].create_index: table \"nope\" does not exist in schema \"public\"");
        assertThatThrownBy(() -> plan("""
                  - rename_table: {from: users, to: users}
                """)).isInstanceOf(MigrationException.class).hasMessageContaining("table \"users\" already exists");
    }

    private static int indexOf(List<String> steps, String fragment) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).contains(fragment)) {
                return i;
            }
        }
        return -1;
    }
}

package dev.tuesday.migrate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.Table;
import dev.tuesday.migrate.schema.TableColumn;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What may be started on a chain of active migrations, decided without a database. */
class ChainTest {

    private static Schema users() {
        return Schema.empty("public").withTable(Table.empty("users")
                .withColumn(new TableColumn("id", "bigint", false, null, null, null, null))
                .withColumn(new TableColumn("name", "text", true, null, null, null, null))
                .withPrimaryKey(List.of("id")));
    }

    /** {@code m} started (planned on {@code schema}), as the chain would hold it. */
    private static Chain.Active active(Migration m, Schema schema) {
        Plan plan = Planners.plan(m, schema, "public_" + m.name(), null);
        return new Chain.Active(new MigrationRecord(1, "public", m.name(), null, null, MigrationRecord.ACTIVE,
                MigrationRecord.STARTED, "public_" + m.name(), null, Instant.EPOCH, null), plan);
    }

    private static Migration yaml(String name, String operations) {
        return Migrations.yaml(name, "operations:\n" + operations);
    }

    private static final Migration ADD_EMAIL = yaml("02_email",
            "  - add_column: {table: users, up: lower(name), column: {name: email, type: text, nullable: true}}\n");
    private static final Migration RENAME = yaml("03_full_name",
            "  - rename_column: {table: users, from: name, to: full_name}\n");

    @Test
    void aColumnAnActiveStepAddsPlainlyMayBeChangedByTheNextOne() {
        Migration notNull = yaml("04", "  - alter_column: {table: users, column: email, nullable: false,"
                + " up: \"coalesce(email, 'name full_name')\"}\n");
        assertThat(Chain.refusal(notNull, List.of(active(ADD_EMAIL, users()), active(RENAME, users())), users())).isNull();
    }

    @Test
    void whatAnActiveStepRenamesIsRefusedWhereverTheNewOneNamesIt() {
        List<Chain.Active> chain = List.of(active(RENAME, users()));
        assertThat(Chain.refusal(yaml("04", "  - drop_column: {table: users, column: full_name, down: \"''\"}\n"),
                chain, users())).isEqualTo("\"04\" touches column \"users\".\"full_name\" while active migration"
                        + " \"03_full_name\" renames column \"users\".\"full_name\": complete \"03_full_name\" first");
        assertThat(Chain.refusal(yaml("04", "  - add_column: {table: users, up: upper(\"NAME\"),"
                + " column: {name: shout, type: text, nullable: true}}\n"), chain, users()))
                .contains("reads column \"users\".\"NAME\" while active migration \"03_full_name\" renames column \"users\".\"name\"");
        assertThat(Chain.refusal(yaml("04", "  - rename_table: {from: users, to: people}\n"), chain, users()))
                .contains("touches table \"users\" while");
    }

    @Test
    void aColumnAddedWithAConstraintItCompletesIsGuarded() {
        Migration addRequired = yaml("02_email", "  - add_column: {table: users, up: \"'?'\","
                + " column: {name: email, type: text, nullable: false}}\n");
        Migration change = yaml("03", "  - alter_column: {table: users, column: email, type: varchar(200)}\n");
        assertThat(Chain.refusal(change, List.of(active(addRequired, users())), users()))
                .contains("while active migration \"02_email\" adds and constrains column \"users\".\"email\"");
    }

    @Test
    void sqlIsNeverChained() {
        assertThat(Chain.refusal(yaml("03", "  - sql: {up: SELECT 1}\n"), List.of(active(ADD_EMAIL, users())), users()))
                .contains("sql operation");
        Migration sqlFirst = yaml("02_sql", "  - sql: {up: SELECT 1}\n");
        assertThat(Chain.refusal(yaml("03", "  - create_index: {name: i, table: users, columns: [id]}\n"),
                List.of(active(sqlFirst, users())), users())).contains("runs sql on schema \"public\"");
    }

    @Test
    void chainedTriggersSortAfterTheFirstStepsAndInTheChainsOrder() {
        List<String> names = List.of(SyncTriggers.name("users", SyncTriggers.chainKey(12)), SyncTriggers.name("users"),
                SyncTriggers.name("users", SyncTriggers.chainKey(9)), SyncTriggers.name("x".repeat(60)),
                SyncTriggers.name("x".repeat(60), SyncTriggers.chainKey(3)));
        assertThat(names.stream().filter(n -> n.contains("users")).sorted().toList()).containsExactly(
                "_tuesday_sync_users", "_tuesday_sync_~000009_users", "_tuesday_sync_~000012_users");
        assertThat(names.get(3).compareTo(names.get(4))).isNegative();
    }

    @Test
    void aStepsTriggerKeyIsReadBackFromItsSyncFunctionsNamesAndATableNamedLikeOneIsNotTakenForOne() {
        String key = SyncTriggers.chainKey(2);
        assertThat(SyncTriggers.keyOf(List.of(SyncTriggers.name("users", key)))).isEqualTo("~000002_");
        assertThat(SyncTriggers.keyOf(List.of(SyncTriggers.name("users", SyncTriggers.chainKey(1_234_567)))))
                .isEqualTo("~1234567_");
        assertThat(SyncTriggers.keyOf(List.of(SyncTriggers.name("users")))).isEmpty();
        assertThat(SyncTriggers.keyOf(null)).isEmpty();
        String longTable = "t".repeat(60);
        assertThat(SyncTriggers.keyOf(List.of(SyncTriggers.name(longTable, key)))).as("a hashed name").isEqualTo(key);
        // Unkeyed, on a table whose own name starts like a key: the plan's check sees its trigger has no key.
        Plan plan = new Plan(Plan.FORMAT, "v", null, List.of(), List.of(new BackfillTarget("~000001_x", "c", "1")),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(SyncTriggers.name("~000001_x")));
        assertThat(plan.syncKey()).isEmpty();
    }
}

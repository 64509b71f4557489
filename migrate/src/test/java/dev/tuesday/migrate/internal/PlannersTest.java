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

/** Plans are pure: what each operation asks of the executor, checked without a database. */
class PlannersTest {

    private static Schema users() {
        return Schema.empty("public").withTable(Table.empty("users")
                .withColumn(new TableColumn("id", "bigint", false, null, null, null, null))
                .withColumn(new TableColumn("name", "text", true, null, null, null, null))
                .withColumn(new TableColumn("email", "text", true, null, null, null, null))
                .withPrimaryKey(List.of("id")));
    }

    @Test
    void renameNeedsNoTriggerNoBackfillAndRenamesOnlyAtComplete() {
        Plan plan = Planners.plan(Migrations.renameName(), users(), "public_02_full_name", "public_01_create_users");

        assertThat(plan.expand()).extracting(Step::description).containsExactly("create version schema \"public_02_full_name\"");
        assertThat(plan.expand().getFirst().sql()).contains("\"name\" AS \"full_name\"");
        assertThat(plan.backfill()).isEmpty();
        assertThat(plan.complete()).extracting(Step::sql).containsExactly(
                "DROP SCHEMA IF EXISTS \"public_01_create_users\" CASCADE",
                "ALTER TABLE \"public\".\"users\" RENAME COLUMN \"name\" TO \"full_name\"");
        assertThat(plan.rollback()).extracting(Step::sql).containsExactly("DROP SCHEMA IF EXISTS \"public_02_full_name\" CASCADE");
    }

    @Test
    void addAndDropBecomeOneTriggerWithBothDirectionsAndOneBackfill() {
        Plan plan = Planners.plan(Migrations.addFullNameDropName(), users(), "public_02_full_name", null);

        assertThat(plan.expand()).extracting(Step::description).containsExactly("add column \"full_name\" to \"users\"",
                "create sync trigger on \"users\"", "create version schema \"public_02_full_name\"");
        String trigger = plan.expand().get(1).sql();
        assertThat(trigger).contains("NEW.\"full_name\" := (name);").contains("NEW.\"name\" := (full_name);")
                .contains("WHEN (current_setting('tuesday.backfill', true) IS DISTINCT FROM 'on')");
        assertThat(plan.backfill()).containsExactly(new BackfillTarget("users", "full_name", "name"));
        assertThat(plan.expand().get(2).sql()).contains("\"id\" AS \"id\", \"email\" AS \"email\", \"full_name\" AS \"full_name\"")
                .doesNotContain("\"name\" AS \"name\"");
        assertThat(plan.complete()).extracting(Step::description).containsExactly("drop sync trigger on \"users\"",
                "drop column \"name\" of \"users\"");
        assertThat(plan.rollback()).extracting(Step::description).containsExactly(
                "drop version schema \"public_02_full_name\"", "drop sync trigger on \"users\"",
                "drop column \"full_name\" of \"users\"");
    }

    @Test
    void planSurvivesTheRoundTripThroughItsStoredJson() {
        Plan plan = Planners.plan(Migrations.addFullNameDropName(), users(), "public_02_full_name", null);

        assertThat(PlanJson.read(PlanJson.write(plan))).isEqualTo(plan);
    }

    @Test
    void anOperationOnAMissingColumnNamesTheFileAndTheOperation() {
        assertThatThrownBy(() -> Planners.plan(Migrations.yaml("03_x", """
                operations:
                  - rename_column: {table: users, from: nmae, to: full_name}
                """), users(), "public_03_x", null)).isInstanceOf(MigrationException.class)
                .hasMessage("03_x.yaml: operations[0].rename_column: column \"nmae\" does not exist in table \"users\"");
    }

    @Test
    void longHelperNamesAreHashedToFitPostgresLimit() {
        String name = PlanContext.helperName("_tuesday_sync_", "t".repeat(80));
        assertThat(name).startsWith("_tuesday_sync_").hasSizeLessThanOrEqualTo(63);
        assertThat(PlanContext.helperName("_tuesday_sync_", "t".repeat(81))).isNotEqualTo(name);
    }
}

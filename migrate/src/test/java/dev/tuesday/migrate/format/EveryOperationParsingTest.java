package dev.tuesday.migrate.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.op.AddColumn;
import dev.tuesday.migrate.op.AlterColumn;
import dev.tuesday.migrate.op.CheckConstraint;
import dev.tuesday.migrate.op.Column;
import dev.tuesday.migrate.op.ConstraintType;
import dev.tuesday.migrate.op.CreateConstraint;
import dev.tuesday.migrate.op.CreateIndex;
import dev.tuesday.migrate.op.CreateTable;
import dev.tuesday.migrate.op.DropColumn;
import dev.tuesday.migrate.op.DropConstraint;
import dev.tuesday.migrate.op.DropIndex;
import dev.tuesday.migrate.op.DropMultiColumnConstraint;
import dev.tuesday.migrate.op.DropTable;
import dev.tuesday.migrate.op.ForeignKeyReference;
import dev.tuesday.migrate.op.Generated;
import dev.tuesday.migrate.op.IndexField;
import dev.tuesday.migrate.op.IndexParameters;
import dev.tuesday.migrate.op.Operation;
import dev.tuesday.migrate.op.Patch;
import dev.tuesday.migrate.op.RawSql;
import dev.tuesday.migrate.op.RenameColumn;
import dev.tuesday.migrate.op.RenameConstraint;
import dev.tuesday.migrate.op.RenameTable;
import dev.tuesday.migrate.op.SetReplicaIdentity;
import dev.tuesday.migrate.op.TableConstraint;
import dev.tuesday.migrate.op.TableForeignKeyReference;
import dev.tuesday.migrate.op.UniqueConstraint;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The file every_operation.yaml (and its JSON twin) holds every operation with every field. */
class EveryOperationParsingTest {

    static Path resource(String name) {
        try {
            return Path.of(EveryOperationParsingTest.class.getResource("/format/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static final List<Operation> EXPECTED = List.of(
            new CreateTable("orders", List.of(
                    new Column("id", "bigint", false, true, false, null, null, null, null,
                            new Generated(null, new Generated.Identity("BY DEFAULT", "START 100 INCREMENT 5"))),
                    new Column("customer_id", "bigint", true, false, true, "0",
                            new CheckConstraint("customer_positive", "customer_id > 0", true),
                            new ForeignKeyReference("orders_customer_fk", "customers", "id", "FULL", "CASCADE",
                                    "SET NULL", true, true),
                            "the buyer", null),
                    new Column("total_cents", "integer", false, false, false, null, null, null, null,
                            new Generated("quantity * price_cents", null))),
                    List.of(
                            new TableConstraint("orders_total_check", ConstraintType.CHECK, List.of("total_cents"),
                                    false, false, false, true, "total_cents >= 0", null, null, null),
                            new TableConstraint("orders_unique_ref", ConstraintType.UNIQUE,
                                    List.of("customer_id", "total_cents"), true, true, true, false, null, null, null,
                                    new IndexParameters("pg_default", "fillfactor=70", List.of("id"))),
                            new TableConstraint("orders_pk", ConstraintType.PRIMARY_KEY, List.of("id"), false, false,
                                    false, false, null, null, null, null),
                            new TableConstraint("orders_customer_fk2", ConstraintType.FOREIGN_KEY,
                                    List.of("customer_id"), true, false, false, false, null,
                                    new TableForeignKeyReference("customers", List.of("id"), "SIMPLE", "SET NULL",
                                            "RESTRICT", List.of("customer_id")), null, null),
                            new TableConstraint("orders_no_overlap", ConstraintType.EXCLUDE, List.of(), false, false,
                                    false, false, null, null,
                                    new TableConstraint.Exclude("gist", "customer_id WITH =", "total_cents > 0"),
                                    new IndexParameters(null, "fillfactor=80", List.of()))),
                    "what customers bought"),
            new AddColumn("orders", new Column("status", "text", false, false, false, "'new'", null, null, null, null),
                    "'new'"),
            new DropColumn("orders", "legacy", "'x'"),
            new RenameColumn("orders", "status", "state"),
            new AlterColumn("orders", "state", "varchar(20)", false, new Patch<>(null), new Patch<>("the order's state"),
                    new CheckConstraint("state_known", "state IN ('new', 'paid')", false),
                    new UniqueConstraint("state_unique"),
                    new ForeignKeyReference("state_fk", "states", "name", "SIMPLE", "NO ACTION", "NO ACTION", false,
                            false),
                    "coalesce(state, 'new')", "state"),
            new RenameTable("orders", "purchases"),
            new DropTable("old_orders"),
            new CreateIndex("purchases_state_idx", "purchases", List.of(
                    new IndexField("state", "C", "DESC", "LAST",
                            new IndexField.OperatorClass("text_pattern_ops", List.of("siglen=32"))),
                    new IndexField("customer_id", null, null, null, null)),
                    "state <> 'paid'", "hash", "fillfactor=90", true),
            new DropIndex("purchases_old_idx"),
            new CreateConstraint("purchases", "purchases_fk", ConstraintType.FOREIGN_KEY, List.of("customer_id"), null,
                    false, null, new TableForeignKeyReference("customers", List.of("id"), "SIMPLE", "CASCADE",
                            "NO ACTION", List.of()),
                    Map.of("customer_id", "customer_id"), Map.of("customer_id", "customer_id")),
            new CreateConstraint("purchases", "purchases_state_check", ConstraintType.CHECK, List.of("state"),
                    "length(state) < 20", true, null, null, Map.of("state", "left(state, 19)"), Map.of("state", "state")),
            new CreateConstraint("purchases", "purchases_state_unique", ConstraintType.UNIQUE,
                    List.of("state", "customer_id"), null, false,
                    new IndexParameters("pg_default", "fillfactor=70", List.of("id")), null, Map.of("state", "state"),
                    Map.of("state", "state")),
            new DropConstraint("purchases", "state_known", "state", "state"),
            new DropMultiColumnConstraint("purchases", "orders_unique_ref",
                    Map.of("customer_id", "customer_id", "total_cents", "total_cents"),
                    Map.of("customer_id", "customer_id", "total_cents", "total_cents")),
            new RenameConstraint("purchases", "purchases_fk", "purchases_customer_fk"),
            new SetReplicaIdentity("purchases", "index", "purchases_state_idx"),
            new RawSql("CREATE TABLE audit (id int)", "DROP TABLE audit", false),
            new RawSql("ANALYZE purchases", null, true));

    @Test
    void readsEveryOperationWithEveryFieldFromYaml() {
        Migration m = MigrationFile.read(resource("every_operation.yaml"));

        assertThat(m.name()).isEqualTo("every_operation");
        assertThat(m.versionSchema()).isEqualTo("public_every");
        assertThat(m.source()).isEqualTo("every_operation.yaml");
        for (int i = 0; i < EXPECTED.size(); i++) {
            assertThat(m.operations().get(i)).as("operations[%d]", i).isEqualTo(EXPECTED.get(i));
        }
        assertThat(m.operations()).hasSize(EXPECTED.size());
    }

    @Test
    void readsTheSameMigrationFromJson() {
        Migration yaml = MigrationFile.read(resource("every_operation.yaml"));
        Migration json = MigrationFile.read(resource("every_operation.json"));

        assertThat(json.operations()).isEqualTo(yaml.operations());
        assertThat(json.name()).isEqualTo(yaml.name());
        assertThat(json.checksum()).isNotEqualTo(yaml.checksum());
    }
}

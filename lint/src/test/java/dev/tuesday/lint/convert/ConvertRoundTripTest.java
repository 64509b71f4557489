package dev.tuesday.lint.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.op.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A file of every convertible kind, written and read back with nothing filled in: the reader takes
 * every operation, and the values still to write are exactly the ones the conversion names.
 */
class ConvertRoundTripTest {

    private static final String DDL = """
            BEGIN;
            CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint NOT NULL, total numeric DEFAULT 0,
                CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
                CHECK (total >= 0));
            ALTER TABLE users RENAME COLUMN name TO full_name;
            ALTER TABLE users ADD COLUMN email text NOT NULL, ADD COLUMN active boolean NOT NULL DEFAULT true;
            ALTER TABLE users ALTER COLUMN age TYPE bigint, ALTER COLUMN age SET NOT NULL;
            ALTER TABLE users ALTER COLUMN nick DROP NOT NULL, ALTER COLUMN nick SET DEFAULT 'none';
            ALTER TABLE users ADD CONSTRAINT users_age CHECK (age >= 0), ADD UNIQUE (email);
            ALTER TABLE users DROP COLUMN legacy, DROP CONSTRAINT users_old_check;
            CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
            DROP INDEX users_old_idx;
            ALTER TABLE audit RENAME TO audit_log;
            DROP TABLE scratch;
            COMMENT ON COLUMN users.email IS 'where we write';
            COMMIT;
            """;

    @Test
    void theReaderAcceptsEveryOperationAndTheTodosAreExactlyTheNamedOnes() throws Exception {
        Conversion c = DdlConverter.convert("change.sql", DDL);
        assertThat(c.unconverted()).isEmpty();
        String yaml = MigrationText.yaml(c);

        Migration read = MigrationFile.parse(yaml, "03_change.yaml", MigrationFile.Format.YAML);
        assertThat(read.operations()).extracting(Operation::kind).containsExactly("create_table", "rename_column",
                "add_column", "add_column", "alter_column", "alter_column", "alter_column", "alter_column",
                "create_constraint", "create_constraint", "drop_column", "drop_constraint", "create_index",
                "drop_index", "rename_table", "drop_table", "sql");
        Migration json = MigrationFile.parse(MigrationText.json(c), "03_change.json", MigrationFile.Format.JSON);
        assertThat(json.operations()).isEqualTo(read.operations());

        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        List<String> todoValues = new ArrayList<>();
        collectTodos(tree, "", todoValues);
        assertThat(todoValues).containsExactlyElementsOf(c.todos());
        assertThat(c.todos()).containsExactly("operations[2].add_column.up", "operations[4].alter_column.down",
                "operations[5].alter_column.up", "operations[6].alter_column.down",
                "operations[8].create_constraint.up.age", "operations[8].create_constraint.down.age",
                "operations[9].create_constraint.up.email", "operations[9].create_constraint.down.email",
                "operations[10].drop_column.down", "operations[11].drop_constraint.up",
                "operations[11].drop_constraint.down");
        for (String todo : c.todos()) {
            assertThat(yaml).contains("#   " + todo + "\n");
        }
    }

    /** The path of every string value starting with "TODO: ", in document order. */
    private static void collectTodos(JsonNode node, String path, List<String> into) {
        if (node.isTextual() && node.textValue().startsWith(ConvertedOperation.TODO)) {
            into.add(path);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectTodos(node.get(i), path + "[" + i + "]", into);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collectTodos(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), into);
            }
        }
    }
}

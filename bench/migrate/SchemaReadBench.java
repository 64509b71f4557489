import dev.tuesday.embedded.PostgresServer;
import dev.tuesday.migrate.schema.SchemaReader;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import javax.sql.DataSource;

/**
 * How long {@code SchemaReader.read} takes on a schema that grew: TABLES tables of 11 columns, each
 * with a primary key, an index, a check, a foreign key to the previous table and a view, read
 * ROUNDS times on one connection; prints the median and the slowest read. Validate, start, the
 * contract's recheck and lint each read the schema once.
 *
 *   bench/migrate/schema-read.sh [tables=200] [rounds=20]
 */
public final class SchemaReadBench {

    public static void main(String[] args) throws Exception {
        int tables = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        try (PostgresServer pg = PostgresServer.temporary(0)) {
            DataSource db = pg.createDatabase("grown", "bench");
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                for (int t = 0; t < tables; t++) {
                    StringBuilder ddl = new StringBuilder("CREATE TABLE t" + t + " (id bigint PRIMARY KEY, parent bigint"
                            + (t > 0 ? " REFERENCES t" + (t - 1) + " (id)" : "") + ", score int CHECK (score >= 0)");
                    for (int k = 0; k < 8; k++) {
                        ddl.append(", c").append(k).append(" text");
                    }
                    s.execute(ddl.append(')').toString());
                    s.execute("CREATE INDEX ON t" + t + " (lower(c0)) WHERE score > 0");
                    s.execute("CREATE VIEW v" + t + " AS SELECT id, c0, c1 FROM t" + t);
                }
                long[] ns = new long[rounds];
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    SchemaReader.read(c, "public");
                    ns[r] = System.nanoTime() - t0;
                }
                Arrays.sort(ns);
                System.out.printf("schema read, %d tables, %d columns, %d rounds: median %.1f ms, slowest %.1f ms%n",
                        tables, tables * 11, rounds, ns[rounds / 2] / 1e6, ns[rounds - 1] / 1e6);
            }
        }
    }
}

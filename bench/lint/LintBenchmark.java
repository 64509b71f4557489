import dev.tuesday.embedded.PostgresServer;
import dev.tuesday.lint.Finding;
import dev.tuesday.lint.LintReport;
import dev.tuesday.lint.Linter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Lints one folder of generated migrations twice in the same run — on rules alone, then replayed on
 * a scratch PostgreSQL — and prints both times side by side.
 *
 * <p>Usage: {@code java -cp <lint classpath> LintBenchmark.java [migrations] [rounds]} (defaults 500, 3).
 */
public class LintBenchmark {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("tuesday-lint-bench");
        int statements = generate(dir, count, new Random(42));
        System.out.printf("folder: %s, %d migrations, %d statements%n", dir, count, statements);

        List<Long> rulesOnly = new ArrayList<>();
        LintReport rulesReport = Linter.configure().measure(false).build().lint(List.of(dir)); // warm-up, not counted
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            rulesReport = Linter.configure().measure(false).build().lint(List.of(dir));
            rulesOnly.add(System.nanoTime() - t0);
        }

        long s0 = System.nanoTime();
        List<Long> measured = new ArrayList<>();
        LintReport measuredReport = null;
        try (PostgresServer server = PostgresServer.temporary(0)) {
            long serverStart = System.nanoTime() - s0;
            System.out.printf("scratch server start: %d ms (once per run, not counted below)%n", serverStart / 1_000_000);
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                measuredReport = Linter.configure().server(server).build().lint(List.of(dir));
                measured.add(System.nanoTime() - t0);
            }
        }
        long a = median(rulesOnly);
        long b = median(measured);
        System.out.printf("rules alone:          median %7.1f ms  (%.3f ms per migration)  %d findings%n",
                a / 1e6, a / 1e6 / count, rulesReport.findings().size());
        System.out.printf("with scratch database: median %7.1f ms  (%.3f ms per migration)  %d findings, %d measured%n",
                b / 1e6, b / 1e6 / count, measuredReport.findings().size(),
                measuredReport.findings().stream().filter(f -> f.measurement() != null && f.measurement().measured()).count());
        System.out.printf("ratio scratch / rules: %.1fx%n", (double) b / a);
        long failed = measuredReport.findings().stream().map(Finding::rule)
                .filter(r -> r.equals("migration-fails") || r.equals("replay-failed")).count();
        System.out.printf("statements the scratch database rejected: %d%n", failed);
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    /** V1 creates 20 tables; each later migration changes one of them the way real migrations do. */
    private static int generate(Path dir, int count, Random rnd) throws Exception {
        int tables = 20;
        StringBuilder base = new StringBuilder();
        for (int t = 0; t < tables; t++) {
            base.append("CREATE TABLE t").append(t).append(" (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ")
                    .append("name varchar(40) NOT NULL, amount integer, created_at timestamptz NOT NULL DEFAULT now());\n");
        }
        Files.writeString(dir.resolve("V1__base.sql"), base);
        int statements = tables;
        for (int v = 2; v <= count; v++) {
            int t = rnd.nextInt(tables);
            String c = "c" + v;
            String sql = switch (v % 10) {
                case 0 -> "ALTER TABLE t" + t + " ADD COLUMN " + c + " text;\n";
                case 1 -> "SET lock_timeout = '2s';\nALTER TABLE t" + t + " ADD COLUMN " + c + " bigint NOT NULL DEFAULT 0;\n";
                case 2 -> "CREATE INDEX i" + v + " ON t" + t + " (created_at);\n";
                case 3 -> "CREATE INDEX CONCURRENTLY IF NOT EXISTS i" + v + " ON t" + t + " (name);\n";
                case 4 -> "ALTER TABLE t" + t + " ADD COLUMN " + c + " text;\nALTER TABLE t" + t + " RENAME COLUMN "
                        + c + " TO " + c + "_renamed;\n";
                case 5 -> "ALTER TABLE t" + t + " ADD COLUMN " + c + " integer;\nALTER TABLE t" + t + " ALTER COLUMN "
                        + c + " TYPE bigint;\n";
                case 6 -> "ALTER TABLE t" + t + " ADD COLUMN " + c + " text;\nALTER TABLE t" + t + " ALTER COLUMN "
                        + c + " SET NOT NULL;\n";
                case 7 -> "ALTER TABLE t" + t + " ADD CONSTRAINT k" + v + " CHECK (amount >= 0) NOT VALID;\n"
                        + "ALTER TABLE t" + t + " VALIDATE CONSTRAINT k" + v + ";\n";
                case 8 -> "CREATE TABLE n" + v + " (id bigint PRIMARY KEY, t_id bigint REFERENCES t" + t + " (id), payload jsonb);\n";
                default -> "ALTER TABLE t" + t + " ADD COLUMN " + c + " json;\nCOMMENT ON COLUMN t" + t + "." + c + " IS 'x';\n";
            };
            statements += (int) sql.chars().filter(ch -> ch == ';').count();
            Files.writeString(dir.resolve("V" + v + "__change_" + v + ".sql"), sql);
        }
        return statements;
    }
}

package dev.tuesday.cli.demo;

import dev.tuesday.drill.DrillResult;
import dev.tuesday.drill.NamedRun;
import dev.tuesday.drill.Report;
import dev.tuesday.drill.SummaryJson;
import dev.tuesday.drill.VerdictText;
import dev.tuesday.embedded.PostgresServer;
import dev.tuesday.release.ReleaseOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The main job: the running example's release done Tuesday's way and the naive way, on one
 * embedded PostgreSQL, each under the same drill load; the two verdicts side by side and one HTML
 * report.
 */
public final class Demo {

    /**
     * What the demo showed.
     *
     * @param tuesday the load's verdict during Tuesday's release
     * @param naive the load's verdict during the naive release
     * @param outcome how Tuesday's release ended
     */
    public record Outcome(DrillResult tuesday, DrillResult naive, ReleaseOutcome outcome) {

        /** True when Tuesday's release completed and no request of its load failed. */
        public boolean tuesdayClean() {
            return outcome instanceof ReleaseOutcome.Completed && tuesday.verdict().clean();
        }
    }

    private final DemoSettings settings;
    private final Path report;
    private final Optional<Path> summaryJson;
    private final PrintWriter out;

    public Demo(DemoSettings settings, Path report, Optional<Path> summaryJson, PrintWriter out) {
        this.settings = settings;
        this.report = report;
        this.summaryJson = summaryJson;
        this.out = out;
    }

    public Outcome run() throws InterruptedException {
        Instant began = Instant.now();
        settings.strategyYaml(); // fails fast on a wrong --strategy
        DemoFiles files = DemoFiles.locate();
        Path workDir = workDir();
        say("embedded PostgreSQL: starting, and seeding two copies of the users table with " + settings.rows() + " rows");
        try (PostgresServer server = PostgresServer.temporary(0)) {
            DemoDatabase tuesdayDb = DemoDatabase.create(server, "tuesday_way", files.migrations(), settings.rows());
            DemoDatabase naiveDb = DemoDatabase.create(server, "naive_way", files.migrations(), settings.rows());

            say("1/2 Tuesday's way: " + settings.strategy() + " release v1 -> v2, rename_column users.name -> full_name,"
                    + " readiness-gated, draining, then the contract");
            TuesdayRun.Result tuesday = new TuesdayRun(settings, files, out).run(tuesdayDb, workDir.resolve("tuesday"));

            say("2/2 the naive way: ALTER TABLE ... RENAME COLUMN, then every instance restarted at once");
            DrillResult naive = new NaiveRun(settings, files, out).run(naiveDb, workDir.resolve("naive"));

            List<NamedRun> runs = List.of(new NamedRun("tuesday", tuesday.load()), new NamedRun("naive", naive));
            out.println();
            out.print(VerdictText.table(runs));
            Report.write(report, runs);
            out.println("report: " + report.toAbsolutePath());
            if (summaryJson.isPresent()) {
                SummaryJson.write(summaryJson.get(), runs);
                out.println("summary: " + summaryJson.get().toAbsolutePath());
            }
            Outcome outcome = new Outcome(tuesday.load(), naive, tuesday.outcome());
            out.println(conclusion(outcome) + " (" + Duration.between(began, Instant.now()).toSeconds() + " s; logs in "
                    + workDir + ")");
            out.flush();
            return outcome;
        }
    }

    private static String conclusion(Outcome o) {
        long naiveFailed = o.naive().verdict().failedTotal();
        if (o.tuesdayClean()) {
            return "Tuesday's release: 0 failed of " + o.tuesday().verdict().requests() + " requests; the naive one: "
                    + naiveFailed + " failed of " + o.naive().verdict().requests() + ".";
        }
        return "Tuesday's release did NOT go unnoticed: " + o.outcome().describe() + ", "
                + o.tuesday().verdict().failedTotal() + " failed requests.";
    }

    private void say(String line) {
        out.println("== " + line);
        out.flush();
    }

    private static Path workDir() {
        Path dir = Path.of(".tuesday", "demo").toAbsolutePath();
        try {
            for (String run : List.of("tuesday", "naive")) {
                Files.createDirectories(dir.resolve(run));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }
}

package dev.tuesday.cli;

import dev.tuesday.common.Durations;
import dev.tuesday.drill.Drill;
import dev.tuesday.drill.DrillResult;
import dev.tuesday.drill.InvalidDrillSetting;
import dev.tuesday.drill.NamedRun;
import dev.tuesday.drill.Report;
import dev.tuesday.drill.SummaryJson;
import dev.tuesday.drill.VerdictText;
import dev.tuesday.drill.Workload;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tuesday drill}: measures what users of any HTTP service would see, open-loop. Runs the
 * drill with a progress line a second, prints the verdict, writes the report and the summary when
 * asked. Exit 0 when nothing failed, 1 when requests failed or writes were lost (or a file could
 * not be written), 2 for a wrong option.
 */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {"Open-loop load against an HTTP service: every failure and stall counted, writes read back.",
                "Exit 0 clean, 1 failed requests or lost writes, 2 bad usage."})
final class DrillCli extends PrintingCommand {

    @Option(names = "--target", required = true, paramLabel = "URL", description = "Base URL of the service (loopback unless --allow-remote).")
    String target;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "100", description = "Requests per second. Default: ${DEFAULT-VALUE}.")
    int rate;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to send (e.g. 30s, 2m). Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--workload", paramLabel = "get|users", defaultValue = "get",
            description = "get: GET the target; users: mixed reads, inserts and updates of the users API, writes checked."
                    + " Default: ${DEFAULT-VALUE}.")
    String workload;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the HTML report here.")
    Path report;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Write the verdict as JSON here.")
    Path summaryJson;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "5s", converter = DurationConverter.class,
            description = "Limit on each request. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--allow-remote", description = "Allow a target that is not on loopback.")
    boolean allowRemote;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        Drill drill;
        try {
            drill = configure().onProgress(p -> {
                out.println(p.line());
                out.flush();
            }).build();
        } catch (InvalidDrillSetting e) {
            err.println("tuesday drill: " + e.getMessage());
            err.flush();
            return Tuesday.USAGE;
        }
        out.println("drill: " + workload + " workload, " + rate + " requests/s for " + Durations.format(duration)
                + " against " + target.strip());
        out.flush();
        DrillResult result = drill.run();
        List<NamedRun> runs = List.of(new NamedRun("drill", result));
        out.print(VerdictText.table(runs));
        try {
            if (report != null) {
                Report.write(report, runs);
                out.println("report: " + report);
            }
            if (summaryJson != null) {
                SummaryJson.write(summaryJson, runs);
                out.println("summary: " + summaryJson);
            }
        } catch (UncheckedIOException e) {
            out.flush();
            err.println("tuesday drill: " + e.getMessage());
            err.flush();
            return Tuesday.FAILURE;
        }
        out.flush();
        return result.verdict().clean() ? 0 : Tuesday.FAILURE;
    }

    /** The drill these options describe; a wrong value fails naming its option. */
    private Drill.Builder configure() {
        URI uri;
        try {
            uri = URI.create(target.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidDrillSetting("--target", "is not a URL: '" + target + "'");
        }
        Workload w;
        try {
            w = Workload.named(workload);
        } catch (InvalidDrillSetting e) {
            throw new InvalidDrillSetting("--workload", "must be get or users, not '" + workload + "'");
        }
        Drill.Builder b = Drill.configure().target(uri).rate(rate).duration(duration).workload(w).timeout(timeout)
                .allowNonLoopback(allowRemote);
        try {
            b.build(); // checks every value now, so the message can name the option
        } catch (InvalidDrillSetting e) {
            String hint = e.setting().equals("target") && e.getMessage().contains("loopback") ? " (--allow-remote)" : "";
            throw new InvalidDrillSetting("--" + e.setting(), e.getMessage().substring(e.setting().length() + 2) + hint);
        }
        return b;
    }
}

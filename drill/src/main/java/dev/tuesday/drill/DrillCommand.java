package dev.tuesday.drill;

import dev.tuesday.common.Durations;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What {@code tuesday drill} does once its options are read: runs the drill with a progress line
 * a second, prints the verdict, writes the report and the summary when asked. The command line
 * binding only parses options into {@link DrillOptions} and calls {@link #run}.
 */
public final class DrillCommand {

    /** Exit code: the drill ran and nothing failed. */
    public static final int CLEAN = 0;
    /** Exit code: the drill ran and some requests failed or writes were lost, or a file could not be written. */
    public static final int FAILURES = 1;
    /** Exit code: an option is wrong. */
    public static final int BAD_USAGE = 2;

    private DrillCommand() {
    }

    /**
     * Runs the drill {@code options} describe.
     *
     * @param out where progress, the verdict and the files written go
     * @param err where a one-line error goes
     * @return {@link #CLEAN}, {@link #FAILURES} or {@link #BAD_USAGE}
     */
    public static int run(DrillOptions options, PrintWriter out, PrintWriter err) {
        Drill drill;
        try {
            drill = options.builder().onProgress(p -> {
                out.println(p.line());
                out.flush();
            }).build();
        } catch (InvalidDrillSetting e) {
            err.println("tuesday drill: " + e.getMessage());
            err.flush();
            return BAD_USAGE;
        }
        out.println("drill: " + options.workload().name() + " workload, " + options.rate() + " requests/s for "
                + Durations.format(options.duration()) + " against " + options.target());
        out.flush();
        DrillResult result = drill.run();
        List<NamedRun> runs = List.of(new NamedRun("drill", result));
        out.print(VerdictText.table(runs));
        try {
            if (options.report().isPresent()) {
                Report.write(options.report().get(), runs);
                out.println("report: " + options.report().get());
            }
            if (options.summaryJson().isPresent()) {
                SummaryJson.write(options.summaryJson().get(), runs);
                out.println("summary: " + options.summaryJson().get());
            }
        } catch (UncheckedIOException e) {
            err.println("tuesday drill: " + e.getMessage());
            err.flush();
            out.flush();
            return FAILURES;
        }
        out.flush();
        return result.verdict().clean() ? CLEAN : FAILURES;
    }
}

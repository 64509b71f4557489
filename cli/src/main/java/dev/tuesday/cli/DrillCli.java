package dev.tuesday.cli;

import dev.tuesday.drill.DrillCommand;
import dev.tuesday.drill.DrillOptions;
import dev.tuesday.drill.InvalidDrillSetting;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tuesday drill}: measures what users of any HTTP service would see, open-loop. */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = "Open-loop load against an HTTP service: every failure and stall counted, writes read back.")
final class DrillCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--target", required = true, paramLabel = "URL", description = "Base URL of the service (loopback unless --allow-remote).")
    String target;

    @Option(names = "--rate", paramLabel = "N", description = "Requests per second. Default: " + DrillOptions.DEFAULT_RATE + ".")
    Integer rate;

    @Option(names = "--duration", paramLabel = "D", description = "How long to send (e.g. 30s, 2m). Default: " + DrillOptions.DEFAULT_DURATION + ".")
    String duration;

    @Option(names = "--workload", paramLabel = "get|users",
            description = "get: GET the target; users: mixed reads, inserts and updates of the users API, writes checked."
                    + " Default: " + DrillOptions.DEFAULT_WORKLOAD + ".")
    String workload;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the HTML report here.")
    Path report;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Write the verdict as JSON here.")
    Path summaryJson;

    @Option(names = "--timeout", paramLabel = "D", description = "Limit on each request. Default: " + DrillOptions.DEFAULT_TIMEOUT + ".")
    String timeout;

    @Option(names = "--allow-remote", description = "Allow a target that is not on loopback.")
    boolean allowRemote;

    @Override
    public Integer call() {
        DrillOptions options;
        try {
            options = DrillOptions.parse(target, rate, duration, workload, report, summaryJson, timeout, allowRemote);
        } catch (InvalidDrillSetting e) {
            spec.commandLine().getErr().println("tuesday: " + e.getMessage());
            return Tuesday.USAGE;
        }
        return DrillCommand.run(options, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}

package dev.tuesday.cli.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tuesday demo}: the whole story on the embedded PostgreSQL. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Release users-service v1 -> v2 (users.name becomes full_name) under load, Tuesday's way and"
                + " the naive way, and compare what users saw. Needs only a JDK.",
                "Exit 0 when Tuesday's release completed with zero failed requests."})
public final class DemoCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "A shorter run (under a minute).")
    boolean quick;

    @Option(names = "--strategy", paramLabel = "rolling|blue-green|canary", defaultValue = "rolling",
            description = "How Tuesday's release moves traffic. Default: ${DEFAULT-VALUE}.")
    String strategy;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "tuesday-demo.html",
            description = "The HTML report (one self-contained file). Default: ${DEFAULT-VALUE}.")
    Path report;

    @Option(names = "--summary-json", paramLabel = "FILE",
            description = "Also write both verdicts as JSON: {\"tuesday\": {...}, \"naive\": {...}}.")
    Path summaryJson;

    @Override
    public Integer call() throws InterruptedException {
        if (!List.of("rolling", "blue-green", "canary").contains(strategy)) {
            throw new ParameterException(spec.commandLine(),
                    "--strategy: expected rolling, blue-green or canary, not '" + strategy + "'");
        }
        DemoSettings settings = quick ? DemoSettings.quick(strategy) : DemoSettings.standard(strategy);
        Demo.Outcome outcome = new Demo(settings, report, Optional.ofNullable(summaryJson), spec.commandLine().getOut()).run();
        return outcome.tuesdayClean() ? 0 : 1;
    }
}

package dev.tuesday.cli;

import dev.tuesday.balancer.Balancer;
import dev.tuesday.balancer.BalancerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tuesday balancer --config FILE}: the readiness-aware reverse proxy on its own, until stopped. */
@Command(name = "balancer", mixinStandardHelpOptions = true,
        description = "Run the balancer: routes only to ready backends, retries safely, drains; on SIGTERM or Ctrl-C it stops accepting and finishes the requests in flight (timeouts.drain) before it exits.")
final class BalancerCli extends PrintingCommand {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "Balancer configuration (YAML): listen address, admin API, health checks, backends.")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        BalancerConfig settings = BalancerConfig.read(config);
        Balancer balancer = settings.start();
        balancer.installShutdownHook(); // SIGTERM: stop accepting, finish the requests in flight, exit
        out().println("balancer listening on " + balancer.uri()
                + balancer.adminPort().stream().mapToObj(p -> ", admin API on 127.0.0.1:" + p).findFirst().orElse("")
                + ", " + balancer.backends().size() + " backend(s)");
        out().flush();
        balancer.awaitClosed();
        return 0;
    }
}

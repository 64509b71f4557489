package dev.tuesday.balancer;

import java.nio.file.Path;

/**
 * The balancer in its own JVM, started as {@code tuesday balancer} starts it, so that a test can
 * send it SIGTERM: reads the configuration file {@code args[0]}, prints {@code PORT <n>}, and runs
 * until stopped.
 */
final class BalancerMain {
    private BalancerMain() {
    }

    public static void main(String[] args) throws Exception {
        Balancer balancer = BalancerConfig.read(Path.of(args[0])).start();
        balancer.installShutdownHook();
        System.out.println("PORT " + balancer.port());
        System.out.flush();
        balancer.awaitClosed();
    }
}

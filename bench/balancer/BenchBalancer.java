import dev.tuesday.balancer.Balancer;
import dev.tuesday.balancer.BalancerConfig;
import java.nio.file.Path;

/** Runs the Tuesday balancer from a configuration file until killed, as `tuesday balancer --config` will. */
public final class BenchBalancer {
    public static void main(String[] args) throws Exception {
        Balancer balancer = BalancerConfig.read(Path.of(args[0])).start();
        Runtime.getRuntime().addShutdownHook(new Thread(balancer::close));
        System.out.println("balancer listening on " + balancer.port());
        balancer.awaitClosed();
    }
}

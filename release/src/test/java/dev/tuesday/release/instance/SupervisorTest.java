package dev.tuesday.release.instance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.release.plan.PortRange;
import dev.tuesday.release.plan.VersionSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instances as real processes: what they inherit, and that they do not outlive a dead release. */
class SupervisorTest {
    @TempDir
    Path dir;

    private final List<ProcessIdentity> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(p -> p.handle().ifPresent(ProcessHandle::destroyForcibly));
    }

    private VersionSpec sleeper() {
        return new VersionSpec("v1", List.of("sleep", "600"), Map.of("GREETING", "hello"), 1, PortRange.ANY,
                Optional.empty(), dir);
    }

    @Test
    void anInstanceGetsTheAllowListedVariablesAndThePlansNeverTheReleasesSecrets() throws Exception {
        Map<String, String> releaseEnvironment = Map.of("PATH", System.getenv("PATH"), "LANG", "C.UTF-8",
                "TUESDAY_BALANCER_TOKEN", "admin-secret", "AWS_SECRET_ACCESS_KEY", "cloud-secret");
        try (Supervisor supervisor = new Supervisor(dir.resolve("logs"), Optional.empty(), "/readyz", Duration.ofSeconds(1),
                releaseEnvironment)) {
            Instance instance = supervisor.launch("v1-1", sleeper(), "public_01");
            started.add(instance.process().orElseThrow());

            Path proc = Path.of("/proc", Long.toString(instance.process().orElseThrow().pid()));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.readString(proc.resolve("cmdline"), StandardCharsets.ISO_8859_1).startsWith("sleep\0")
                    && System.nanoTime() < until) {
                Thread.sleep(20); // still between fork and the final exec of the command
            }
            String environ = Files.readString(proc.resolve("environ"), StandardCharsets.ISO_8859_1);
            List<String> variables = List.of(environ.split("\0"));
            assertThat(variables).contains("PATH=" + System.getenv("PATH"), "LANG=C.UTF-8", "GREETING=hello",
                    "TUESDAY_SCHEMA=public_01", "PORT=" + instance.uri().getPort());
            assertThat(variables).anyMatch(v -> v.matches("TUESDAY_LAUNCH=[0-9a-f]{32}"));
            assertThat(environ).doesNotContain("admin-secret").doesNotContain("cloud-secret");
            instance.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void instancesDieWithTheProcessThatLaunchedThemUnlessHandedOver() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process launcher = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LaunchingProcess.class.getName(), dir.toString()).redirectErrorStream(true).start();
        List<ProcessIdentity> instances = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            while (instances.size() < 2) {
                String line = out.readLine();
                assertThat(line).as("the launching process ended early").isNotNull();
                if (line.startsWith("pid ")) {
                    String[] words = line.split(" ");
                    instances.add(new ProcessIdentity(Long.parseLong(words[1]), Instant.parse(words[2]), Long.parseLong(words[3])));
                }
            }
            started.addAll(instances);
            assertThat(instances).hasSize(2).allSatisfy(p -> assertThat(p.alive()).isTrue());

            launcher.destroyForcibly(); // kill -9: no shutdown hook runs
            assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        ProcessIdentity provisional = instances.get(0);
        ProcessIdentity handedOver = instances.get(1);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (provisional.alive() && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(provisional.alive()).as("the instance not handed over outlived its release").isFalse();
        assertThat(handedOver.alive()).as("the instance handed over serves on").isTrue();
    }

    @Test
    void anInstanceWhoseLaunchWasAnnouncedDiesWithTheReleaseEvenIfItsPidNeverReachedTheWatchdog() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process launcher = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                HalfLaunchingProcess.class.getName(), dir.toString()).redirectErrorStream(true).start();
        ProcessIdentity unwatched;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            while (line != null && !line.startsWith("pid ")) {
                line = out.readLine();
            }
            assertThat(line).as("the launching process ended early").isNotNull();
            String[] words = line.split(" ");
            unwatched = new ProcessIdentity(Long.parseLong(words[1]), Instant.parse(words[2]), Long.parseLong(words[3]));
            started.add(unwatched);
            assertThat(unwatched.alive()).isTrue();

            launcher.destroyForcibly(); // kill -9 between the launch and its watch line
            assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (unwatched.alive() && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(unwatched.alive()).as("the instance the watchdog never got a pid for outlived its release").isFalse();
        assertThat(Files.readString(dir.resolve("logs").resolve("watchdog.log")))
                .contains("found pid " + unwatched.pid()).contains("which it had no pid for");
    }

    /**
     * A release's process that dies between starting an instance and sending its PID: announces a
     * launch, starts the process with its token, prints it and waits to be killed, never watching it.
     */
    public static final class HalfLaunchingProcess {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            Watchdog watchdog = Watchdog.start(Duration.ofSeconds(2), dir.resolve("logs").resolve("watchdog.log"));
            watchdog.expect("0123abcd");
            ProcessBuilder builder = new ProcessBuilder(List.of("sleep", "600"));
            builder.environment().put(Watchdog.LAUNCH_VARIABLE, "0123abcd");
            Process sleeper = builder.start();
            Path cmdline = Path.of("/proc", Long.toString(sleeper.pid()), "cmdline");
            while (!Files.readString(cmdline, StandardCharsets.ISO_8859_1).startsWith("sleep\0")) {
                Thread.sleep(20); // still between fork and the exec of the command
            }
            ProcessIdentity p = ProcessIdentity.of(sleeper.toHandle()).orElseThrow();
            System.out.println("pid " + p.pid() + " " + p.startedAt() + " " + p.startTicks());
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(5));
        }
    }

    /** A release's process: launches two instances, hands the second over, prints both and waits to be killed. */
    public static final class LaunchingProcess {
        public static void main(String[] args) throws InterruptedException {
            Path dir = Path.of(args[0]);
            Supervisor supervisor = new Supervisor(dir.resolve("logs"), Optional.empty(), "/readyz", Duration.ofSeconds(2));
            VersionSpec sleeper = new VersionSpec("v2", List.of("sleep", "600"), Map.of(), 1, PortRange.ANY, Optional.empty(), dir);
            Instance provisional = supervisor.launch("v2-1", sleeper, "");
            Instance handedOver = supervisor.launch("v2-2", sleeper, "");
            supervisor.handOver(handedOver);
            for (Instance instance : List.of(provisional, handedOver)) {
                ProcessIdentity p = instance.process().orElseThrow();
                System.out.println("pid " + p.pid() + " " + p.startedAt() + " " + p.startTicks());
            }
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(5));
        }
    }
}

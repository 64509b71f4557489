package dev.tuesday.release.instance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The watchdog's program, run by {@link Watchdog} as a process of its own. It reads these lines on
 * its standard input:
 * <ul>
 *   <li>{@code expect <launch>}: a process is about to start with {@code <launch>} in
 *       {@link Watchdog#LAUNCH_VARIABLE};</li>
 *   <li>{@code watch <launch> <pid> <start-epoch-millis> <start-ticks>}: that launch's process,
 *       started;</li>
 *   <li>{@code forget <launch>}: that launch's process outlives the release (or ended, or never
 *       started).</li>
 * </ul>
 * When that input ends — its parent closed it, exited or was killed — it stops every process still
 * watched whose start time matches, and every process whose environment carries the token of a
 * launch it never got a PID for (looked for over {@link #SEARCH}, as such a process may still be
 * on its way to its command): SIGTERM, so that each drains, then SIGKILL for those still running
 * after the grace period given as its only argument (in milliseconds).
 *
 * <p>It says on its standard output (the release's {@code watchdog.log}) what it was told and what
 * it did at the end, with times, so that an instance that outlived a crash can be traced.
 */
public final class WatchdogMain {
    /** How long it looks for the processes of launches it got no PID for. */
    static final Duration SEARCH = Duration.ofSeconds(2);

    private WatchdogMain() {
    }

    /** Runs the watchdog; see the class comment. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Duration grace = Duration.ofMillis(Long.parseLong(args[0]));
        Map<String, ProcessIdentity> watched = new LinkedHashMap<>();
        Set<String> unwatched = new HashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split(" ");
                if (words.length == 2 && words[0].equals("expect")) {
                    unwatched.add(words[1]);
                    say("expecting launch " + words[1]);
                } else if (words.length == 5 && words[0].equals("watch")) {
                    long pid = Long.parseLong(words[2]);
                    ProcessIdentity process = new ProcessIdentity(pid, Instant.ofEpochMilli(Long.parseLong(words[3])),
                            Long.parseLong(words[4]));
                    unwatched.remove(words[1]);
                    watched.put(words[1], process);
                    say("watching " + process + ", launch " + words[1]);
                } else if (words.length == 2 && words[0].equals("forget")) {
                    unwatched.remove(words[1]);
                    watched.remove(words[1]);
                    say("forgot launch " + words[1]);
                } else {
                    say("ignored a line it does not know: " + line);
                }
            }
        }
        say("the release's pipe ended; stopping " + watched.size() + " process(es) still watched and looking for "
                + unwatched.size() + " launch(es) with no pid");
        List<Thread> stopping = new ArrayList<>();
        watched.values().forEach(process -> stopping.add(stop(process, grace)));
        stopping.addAll(stopLaunched(unwatched, grace));
        for (Thread thread : stopping) {
            thread.join();
        }
    }

    /**
     * Looks for processes whose environment names one of {@code launches}, for {@link #SEARCH}
     * (one started just before the release died may still be on its way to its command's exec),
     * and starts stopping each one found.
     */
    private static List<Thread> stopLaunched(Set<String> launches, Duration grace) throws InterruptedException {
        List<Thread> stopping = new ArrayList<>();
        if (launches.isEmpty()) {
            return stopping;
        }
        Set<Long> found = new HashSet<>();
        long until = System.nanoTime() + SEARCH.toNanos();
        while (System.nanoTime() - until < 0) {
            try (var processes = Files.list(Path.of("/proc"))) {
                for (Path proc : (Iterable<Path>) processes::iterator) {
                    String name = proc.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit) || found.contains(Long.parseLong(name))) {
                        continue;
                    }
                    Optional<String> launch = launchOf(proc).filter(launches::contains);
                    Optional<ProcessIdentity> process = launch.flatMap(l -> ProcessHandle.of(Long.parseLong(name)))
                            .flatMap(ProcessIdentity::of);
                    if (process.isPresent()) {
                        found.add(process.get().pid());
                        say("found " + process.get() + " of launch " + launch.get() + ", which it had no pid for");
                        stopping.add(stop(process.get(), grace));
                    }
                }
            } catch (IOException e) {
                say("cannot list /proc: " + e.getMessage());
                break;
            }
            Thread.sleep(50);
        }
        return stopping;
    }

    /** The launch token in a process's environment; empty when it has none or cannot be read. */
    private static Optional<String> launchOf(Path proc) {
        String prefix = Watchdog.LAUNCH_VARIABLE + "=";
        try {
            for (String variable : Files.readString(proc.resolve("environ"), StandardCharsets.ISO_8859_1).split("\0")) {
                if (variable.startsWith(prefix)) {
                    return Optional.of(variable.substring(prefix.length()));
                }
            }
        } catch (IOException e) {
            // Ended, or another user's process: not ours.
        }
        return Optional.empty();
    }

    private static void say(String line) {
        System.out.println(Instant.now() + " watchdog " + ProcessHandle.current().pid() + ": " + line);
    }

    private static Thread stop(ProcessIdentity process, Duration grace) {
        return Thread.ofPlatform().start(() -> {
            try {
                if (!process.alive()) {
                    say(process + " had ended (or its pid names another process now)");
                    return;
                }
                process.stop(grace);
                say(process + (process.alive() ? " still runs after SIGKILL" : " stopped"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}

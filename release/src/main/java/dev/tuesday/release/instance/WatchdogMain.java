package dev.tuesday.release.instance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The watchdog's program, run by {@link Watchdog} as a process of its own: it reads
 * {@code watch <pid> <start-epoch-millis> <start-ticks>} and {@code forget <pid>} lines on its standard input,
 * and when that input ends — its parent closed it, exited or was killed — it stops every process
 * still watched whose start time matches: SIGTERM, so that each drains, then SIGKILL for those
 * still running after the grace period given as its only argument (in milliseconds).
 *
 * <p>It says on its standard output (the release's {@code watchdog.log}) what it was told and what
 * it did at the end, with times, so that an instance that outlived a crash can be traced.
 */
public final class WatchdogMain {
    private WatchdogMain() {
    }

    /** Runs the watchdog; see the class comment. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Duration grace = Duration.ofMillis(Long.parseLong(args[0]));
        Map<Long, ProcessIdentity> watched = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split(" ");
                if (words.length == 4 && words[0].equals("watch")) {
                    long pid = Long.parseLong(words[1]);
                    watched.put(pid, new ProcessIdentity(pid, Instant.ofEpochMilli(Long.parseLong(words[2])), Long.parseLong(words[3])));
                    say("watching " + watched.get(pid));
                } else if (words.length == 2 && words[0].equals("forget")) {
                    watched.remove(Long.parseLong(words[1]));
                    say("forgot pid " + words[1]);
                } else {
                    say("ignored a line it does not know: " + line);
                }
            }
        }
        say("the release's pipe ended; stopping " + watched.size() + " process(es) still watched");
        stop(List.copyOf(watched.values()), grace);
    }

    private static void say(String line) {
        System.out.println(Instant.now() + " watchdog " + ProcessHandle.current().pid() + ": " + line);
    }

    private static void stop(List<ProcessIdentity> processes, Duration grace) throws InterruptedException {
        List<Thread> stopping = new ArrayList<>();
        for (ProcessIdentity process : processes) {
            stopping.add(Thread.ofPlatform().start(() -> {
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
            }));
        }
        for (Thread thread : stopping) {
            thread.join();
        }
    }
}

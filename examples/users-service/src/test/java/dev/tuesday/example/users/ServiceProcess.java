package dev.tuesday.example.users;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The users service running as a child process on loopback, as a deployment would run it. */
final class ServiceProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Long> lineTimes = new CopyOnWriteArrayList<>();
    private volatile int port = -1;

    private ServiceProcess(Map<String, String> env) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), UsersService.class.getName())
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("USERS_") || k.startsWith("DATABASE_") || k.equals("TUESDAY_SCHEMA"));
        Map<String, String> all = new HashMap<>(Map.of("PORT", "0", "HOST", "127.0.0.1"));
        all.putAll(env);
        pb.environment().putAll(all);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread reader = new Thread(this::readOutput, "service-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the service and waits until it listens. */
    static ServiceProcess start(Map<String, String> env) {
        ServiceProcess p = new ServiceProcess(env);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (p.port < 0) {
            if (!p.process.isAlive() || System.nanoTime() > deadline) {
                p.close();
                throw new IllegalStateException("the service did not start: " + p.output());
            }
            sleep(10);
        }
        return p;
    }

    private void readOutput() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lineTimes.add(System.nanoTime());
                lines.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    int port() {
        return port;
    }

    String output() {
        return String.join("\n", lines);
    }

    /** When the service printed a line containing {@code text} (System.nanoTime), or -1. */
    long printedAt(String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return lineTimes.get(i);
            }
        }
        return -1;
    }

    /** Sends SIGTERM. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the exit, returning the status, or -1 if still running after {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

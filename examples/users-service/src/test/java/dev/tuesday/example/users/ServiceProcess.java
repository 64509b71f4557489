package dev.tuesday.example.users;

import dev.tuesday.testsupport.ChildProcesses;
import java.io.BufferedReader;
import java.io.IOException;
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
    private final Thread reader;

    private final Path log;

    private ServiceProcess(Map<String, String> env) {
        try {
            log = java.nio.file.Files.createTempFile("users-service-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), UsersService.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("USERS_") || k.startsWith("DATABASE_") || k.equals("TUESDAY_SCHEMA"));
        Map<String, String> all = new HashMap<>(Map.of("PORT", "0", "HOST", "127.0.0.1"));
        all.putAll(env);
        pb.environment().putAll(all);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reader = new Thread(this::readOutput, "service-output-" + process.pid());
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

    /** Follows the log file until the process has ended and every line is read. */
    private void readOutput() {
        try (BufferedReader r = java.nio.file.Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            StringBuilder partial = new StringBuilder();
            while (true) {
                boolean ended = !process.isAlive();
                int ch;
                while ((ch = r.read()) >= 0) {
                    if (ch != '\n') {
                        partial.append((char) ch);
                        continue;
                    }
                    addLine(partial.toString());
                    partial.setLength(0);
                }
                if (ended) {
                    if (!partial.isEmpty()) {
                        addLine(partial.toString());
                    }
                    return;
                }
                sleep(5);
            }
        } catch (IOException e) {
            lines.add("(cannot read the service's log: " + e.getMessage() + ")");
        }
    }

    private void addLine(String line) {
        lineTimes.add(System.nanoTime());
        lines.add(line);
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
            port = Integer.parseInt(m.group(1));
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
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        reader.join(2000);
        return process.exitValue();
    }

    @Override
    public void close() {
        ChildProcesses.kill(process);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

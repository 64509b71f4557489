package dev.tuesday.example.spring;

import dev.tuesday.testsupport.ChildProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** users-spring running as a child process on loopback, as a deployment would run it. */
final class SpringServiceProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    private final Process process;
    private final Path log;

    private SpringServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the service with {@code env} (plus PORT=0) and waits until it prints its port. */
    static SpringServiceProcess start(Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile("users-spring-", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), UsersSpringApplication.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("USERS_") || k.startsWith("DATABASE_") || k.equals("TUESDAY_SCHEMA"));
        pb.environment().put("PORT", "0");
        pb.environment().putAll(env);
        SpringServiceProcess p = new SpringServiceProcess(pb.start(), log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (p.port() < 0) {
            if (!p.process.isAlive() || System.nanoTime() > deadline) {
                p.close();
                throw new IllegalStateException("users-spring did not start: " + p.output());
            }
            Thread.sleep(50);
        }
        return p;
    }

    int port() {
        Matcher m = LISTENING.matcher(output());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends SIGTERM. */
    void terminate() {
        process.destroy();
    }

    /** The exit status, or -1 if still running after {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() {
        ChildProcesses.kill(process);
    }
}

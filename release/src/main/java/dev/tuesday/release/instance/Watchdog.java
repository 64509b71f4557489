package dev.tuesday.release.instance;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the instances a process launches die with it, however it ends — an exit, a SIGTERM, or a
 * {@code kill -9} that runs no shutdown hook.
 *
 * <p>A small JVM of its own ({@link WatchdogMain}) reads the processes to watch on a pipe from
 * this one. Only this process holds the pipe's writing end (child processes get none of its
 * descriptors), so the pipe ends exactly when this process does, and the watchdog then stops what
 * it still watches, each process named by PID and start time. An instance handed over
 * ({@link #forget}, by its launch) outlives this process. The watchdog runs in a session of its own, so a Ctrl-C
 * meant for the release does not stop it before it has done its work.
 *
 * <p>A process cannot be watched by PID before it exists, and this process may die between
 * starting it and sending its PID. So each launch is announced first ({@link #expect}) with a
 * token the process gets in its environment ({@link #LAUNCH_VARIABLE}); the watchdog looks for the
 * processes of the launches it never got a PID for, by that variable, and stops them too.
 */
final class Watchdog implements AutoCloseable {
    /** The environment variable that carries a launch's token to the process launched. */
    static final String LAUNCH_VARIABLE = "TUESDAY_LAUNCH";

    private final Process process;
    private final OutputStream pipe;

    private Watchdog(Process process) {
        this.process = process;
        this.pipe = process.getOutputStream();
    }

    /**
     * Starts the watchdog.
     *
     * @param grace how long a watched process may drain after SIGTERM before SIGKILL
     * @param log   where its output goes
     */
    static Watchdog start(Duration grace, Path log) {
        List<String> command = new ArrayList<>(Sessions.prefix());
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx16m", "-Xss256k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", codeSource(), WatchdogMain.class.getName(), Long.toString(grace.toMillis())));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().retainAll(Supervisor.INHERITED);
        try {
            Files.createDirectories(log.getParent());
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            return new Watchdog(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the instances' watchdog: " + e.getMessage(), e);
        }
    }

    private static String codeSource() {
        try {
            return Path.of(WatchdogMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + WatchdogMain.class.getName(), e);
        }
    }

    /**
     * Announces a launch, before its process starts: from now on, a process started with
     * {@code launch} in {@link #LAUNCH_VARIABLE} dies with this process, even when this process
     * dies before it could {@link #watch} it.
     *
     * @param launch a token no other launch has: letters and digits
     */
    synchronized void expect(String launch) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the instances' watchdog (pid " + process.pid() + ") has exited with code "
                    + process.exitValue() + ": instances would outlive a crash of this process");
        }
        send("expect " + launch);
    }

    /** The process of the announced {@code launch} is {@code target}: it dies with this process. */
    synchronized void watch(String launch, ProcessIdentity target) {
        send("watch " + launch + " " + target.pid() + " " + target.startedAt().toEpochMilli() + " " + target.startTicks());
    }

    /** The process of {@code launch} outlives this process from now on (or has ended, or never started). */
    synchronized void forget(String launch) {
        if (process.isAlive()) {
            send("forget " + launch);
        }
    }

    private void send(String line) {
        try {
            pipe.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            pipe.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the instances' watchdog: " + e.getMessage(), e);
        }
    }

    /** Ends the pipe: the watchdog stops what it still watches, as if this process had died. */
    @Override
    public synchronized void close() {
        try {
            pipe.close();
        } catch (IOException e) {
            // The watchdog is gone already; it had nothing more to do.
        }
    }
}

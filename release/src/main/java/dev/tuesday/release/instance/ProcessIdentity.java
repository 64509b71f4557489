package dev.tuesday.release.instance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A process named by its PID and its start time. A PID alone is reused by an unrelated process
 * once the first one ended; the pair is not, so a release that recorded it signals the process it
 * launched and nothing else.
 *
 * @param pid       the operating system's process id
 * @param startedAt when the process started, as the operating system reports it
 */
public record ProcessIdentity(long pid, Instant startedAt) {
    private static final Duration POLL = Duration.ofMillis(50);

    /** Checks the fields. */
    public ProcessIdentity {
        Objects.requireNonNull(startedAt, "startedAt");
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive, not " + pid);
        }
    }

    /** The identity of a running process; empty when the system does not report its start time or it ended. */
    public static Optional<ProcessIdentity> of(ProcessHandle process) {
        return process.info().startInstant().map(start -> new ProcessIdentity(process.pid(), start));
    }

    /** This JVM's process. */
    public static ProcessIdentity current() {
        return of(ProcessHandle.current())
                .orElseThrow(() -> new IllegalStateException("the system does not report this process's start time"));
    }

    /**
     * The process, while it runs; empty once it ended, even when its PID now names another
     * process, and while it is a zombie (ended, not yet reaped by its parent — an orphan's new
     * parent may take its time).
     */
    public Optional<ProcessHandle> handle() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().startInstant().map(startedAt::equals).orElse(false))
                .filter(process -> !zombie(process.pid()));
    }

    private static boolean zombie(long pid) {
        try {
            // pid (comm) state ...: the command may hold spaces and parentheses, the state follows the last ')'.
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException e) {
            return false; // no /proc (not Linux), or it ended just now: isAlive answered already
        }
    }

    /** Whether the process still runs. */
    public boolean alive() {
        return handle().isPresent();
    }

    /**
     * Waits until the process ended, or {@code timeout} passed: a poll, as the process may not be
     * this JVM's child, and a zombie counts as ended.
     *
     * @return whether it ended
     */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (alive()) {
            if (System.nanoTime() - until >= 0) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }

    /**
     * SIGTERM, so that it drains, then SIGKILL if it still runs after {@code grace}; returns once
     * it ended (or 10 s after SIGKILL). Nothing when it has ended already.
     */
    public void stop(Duration grace) throws InterruptedException {
        Optional<ProcessHandle> running = handle();
        if (running.isEmpty()) {
            return;
        }
        running.get().destroy();
        if (!awaitExit(grace)) {
            handle().ifPresent(ProcessHandle::destroyForcibly);
            awaitExit(Duration.ofSeconds(10));
        }
    }

    @Override
    public String toString() {
        return "pid " + pid + " (started " + startedAt + ")";
    }
}

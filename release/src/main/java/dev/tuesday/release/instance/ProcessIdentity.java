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
 * <p>Where the kernel tells it (Linux), the start is compared as the kernel counts it: clock ticks
 * since boot. The JDK's start instant is those ticks added to the boot time that each JVM reads
 * once, from the wall clock: when the clock is set between two JVMs (an NTP step, a resumed
 * virtual machine), they name the same process with instants a whole number of seconds apart, and
 * a release would take its own live instances for ended ones.
 *
 * @param pid        the operating system's process id
 * @param startedAt  when the process started, as the JDK reports it: for people, and to compare
 *                   where {@code startTicks} is not known
 * @param startTicks when the process started in the kernel's clock ticks since boot (field 22 of
 *                   {@code /proc/<pid>/stat}); 0 where the system does not tell it
 */
public record ProcessIdentity(long pid, Instant startedAt, long startTicks) {
    private static final Duration POLL = Duration.ofMillis(50);
    /** The index of the start time among the fields after the command's closing parenthesis (fields 3 onward). */
    private static final int START_TICKS_FIELD = 22 - 3;

    /** Checks the fields. */
    public ProcessIdentity {
        Objects.requireNonNull(startedAt, "startedAt");
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive, not " + pid);
        }
        if (startTicks < 0) {
            throw new IllegalArgumentException("startTicks must not be negative, not " + startTicks);
        }
    }

    /** A process whose start is known as an instant only. */
    public ProcessIdentity(long pid, Instant startedAt) {
        this(pid, startedAt, 0);
    }

    /** The identity of a running process; empty when the system does not report its start time or it ended. */
    public static Optional<ProcessIdentity> of(ProcessHandle process) {
        return process.info().startInstant().map(start -> new ProcessIdentity(process.pid(), start, startTicks(process.pid())));
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
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::sameStart)
                .filter(process -> !zombie(process.pid()));
    }

    private boolean sameStart(ProcessHandle process) {
        long ticks = startTicks == 0 ? 0 : startTicks(process.pid());
        return ticks != 0 ? ticks == startTicks : process.info().startInstant().map(startedAt::equals).orElse(false);
    }

    private static boolean zombie(long pid) {
        return stat(pid).map(fields -> fields[0].equals("Z")).orElse(false);
    }

    /** The kernel's start time of a process, in clock ticks since boot; 0 where not known. */
    private static long startTicks(long pid) {
        return stat(pid).filter(fields -> fields.length > START_TICKS_FIELD).map(fields -> {
            try {
                return Long.parseLong(fields[START_TICKS_FIELD]);
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    /**
     * The fields of {@code /proc/<pid>/stat} after the command, from the state on; empty without
     * {@code /proc} (not Linux) or once the process ended. The command may hold spaces and
     * parentheses: the fields follow the last ')'.
     */
    private static Optional<String[]> stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() ? Optional.of(stat.substring(end + 2).trim().split(" ")) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
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

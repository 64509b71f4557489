package dev.tuesday.testsupport;

import java.util.concurrent.TimeUnit;

/**
 * Ending the processes a test started itself. A test that leaves a child running leaks a port, a
 * database session and memory into every later test of the JVM, so its {@code close} kills hard.
 */
public final class ChildProcesses {
    private ChildProcesses() {
    }

    /**
     * Kills {@code process} with SIGKILL if it still runs and waits up to 10 s for it to end; an
     * interrupt meanwhile stops the wait and stays set on the thread.
     */
    public static void kill(Process process) {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

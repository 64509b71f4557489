package dev.tuesday.release;

import dev.tuesday.release.plan.ReleasePlan;
import java.nio.file.Path;

/**
 * {@code tuesday release PLAN} and {@code tuesday release recover PLAN} as a process of its own,
 * for tests that kill it: {@code run|recover PLAN STATE_DIR}. Prints each event on a line, then
 * {@code outcome: ...}; exit 0 when it ran to an outcome.
 */
public final class ReleaseProcess {
    private ReleaseProcess() {
    }

    public static void main(String[] args) {
        ReleasePlan plan = ReleasePlan.read(Path.of(args[1]));
        try (Release release = Release.configure().plan(plan).stateDir(Path.of(args[2])).listener(event -> {
            System.out.println(event.line());
            System.out.flush();
        }).build()) {
            ReleaseOutcome outcome = args[0].equals("recover") ? release.recover() : release.run();
            System.out.println("outcome: " + outcome.describe());
        } catch (RuntimeException e) {
            e.printStackTrace(System.out);
            System.out.flush();
            System.exit(1);
        }
        System.exit(0);
    }
}

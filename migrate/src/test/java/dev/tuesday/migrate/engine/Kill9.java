package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command of {@link KillableMigrator} in a child process and {@code kill -9}s it at its
 * {@code k}-th progress event (a real SIGKILL while it waits inside that step), then waits until
 * PostgreSQL has ended its sessions.
 *
 * <p>The child of each run was started during the run before (a {@code waiting}
 * {@link KillableMigrator}), so its JVM boots while the test checks the last kill instead of on
 * the test's path; it is still a separate process that gets a real SIGKILL.
 */
final class Kill9 {

    /** The process the next run uses, started ahead; null before the first run. */
    private static Process spare;

    private Kill9() {
    }

    /** Where the child was killed (empty when it finished first), and how many events it had then. */
    record Run(Optional<String> killedAt, int events) {
    }

    /** Runs {@code command} ({@code complete}, or {@code start FILE}) on {@code db}, killed at event {@code k}. */
    static Run run(Database db, int k, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(String.valueOf(db.server().port()), db.name(), TestDatabases.OWNER,
                String.valueOf(k)));
        args.addAll(List.of(command));
        Process child = takeSpare();
        try (Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
            in.write(String.join("\t", args) + "\n" + db.server().password(TestDatabases.OWNER) + "\n");
        }
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.add(line);
                if (line.startsWith("KILL ")) {
                    child.destroyForcibly(); // SIGKILL
                    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    waitUntilSessionsOf(db, child.pid());
                    return new Run(Optional.of(line.substring(5)), k);
                }
                if (line.startsWith("DONE ")) {
                    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    return new Run(Optional.empty(), Integer.parseInt(line.substring(5)));
                }
            }
        }
        throw new AssertionError("the child ended without a word: " + String.join("\n", output));
    }

    /** The spare process, or a new one if there is none (or it died); starts the next spare. */
    private static synchronized Process takeSpare() throws java.io.IOException {
        Process next = spare != null && spare.isAlive() ? spare : waiting();
        spare = waiting();
        return next;
    }

    /**
     * A {@link KillableMigrator} waiting for its arguments. C1 only: it runs for a few seconds,
     * too short for C2 to pay back its compile time (about a quarter of its CPU, measured).
     * It ends by itself when this JVM ends (its input closes).
     */
    private static Process waiting() throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                KillableMigrator.class.getName(), "waiting").redirectErrorStream(true).start();
    }

    /** Runs {@code command} on {@code db} to its end, never killed; returns how many progress events it had. */
    static int eventsOfAWholeRun(Database db, String... command) throws Exception {
        Run whole = run(db, Integer.MAX_VALUE, command);
        assertThat(whole.killedAt()).isEmpty();
        return whole.events();
    }

    /** Runs {@code command} on {@code db} killed at event {@code k} of {@code events}; says where, for assertion messages. */
    static String killAt(Database db, int k, int events, String... command) throws Exception {
        Run killed = run(db, k, command);
        return "killed at event " + k + " of " + events + " (" + killed.killedAt().orElse("?") + ")";
    }

    /** Waits until the sessions of the Tuesday process {@code pid} are gone from {@code db}. */
    static void waitUntilSessionsOf(Database db, long pid) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if ("0".equals(db.value("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE"
                    + " 'tuesday migrate % (pid " + pid + " %'"))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the killed process's sessions are still open");
    }
}

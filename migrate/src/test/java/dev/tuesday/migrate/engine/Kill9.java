package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command of {@link KillableMigrator} in a child process and {@code kill -9}s it at its
 * {@code k}-th progress event (a real SIGKILL while it waits inside that step), then waits until
 * PostgreSQL has ended its sessions.
 */
final class Kill9 {

    private Kill9() {
    }

    /** Where the child was killed (empty when it finished first), and how many events it had then. */
    record Run(Optional<String> killedAt, int events) {
    }

    /** Runs {@code command} ({@code complete}, or {@code start FILE}) on {@code db}, killed at event {@code k}. */
    static Run run(Database db, int k, String... command) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> args = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                KillableMigrator.class.getName(), String.valueOf(db.server().port()), db.name(), TestDatabases.OWNER,
                String.valueOf(k)));
        args.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", db.server().password(TestDatabases.OWNER));
        Process child = builder.start();
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

package dev.tuesday.migrate.engine;

import dev.tuesday.migrate.Migrator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A separate process that runs {@code start FILE}, {@code complete} or {@code rollback} and stops dead at its
 * {@code k}-th progress event: it prints {@code KILL <event>} and waits, inside whatever step it is
 * in (a transaction may be open), for the test to {@code kill -9} it. Prints {@code DONE <events>}
 * when the command finished first. Arguments: port, database, user, k, command, [file]; the
 * user's password comes in the environment ({@code PGPASSWORD}).
 *
 * <p>Started with the one argument {@code waiting}, it loads what a run needs and then reads the
 * arguments, tab-separated, from its first line of input and the password from the second: so
 * {@link Kill9} can start the next process while the test checks the last kill, and a test pays
 * for the JVM's start-up once instead of once per kill. No input (the test ended) ends it.
 */
public final class KillableMigrator {

    private KillableMigrator() {
    }

    /** The test database at 127.0.0.1:{@code args[0]}, database {@code args[1]}, as {@code args[2]}. */
    static javax.sql.DataSource dataSource(String[] args) {
        return dataSource(args, System.getenv("PGPASSWORD"));
    }

    private static javax.sql.DataSource dataSource(String[] args, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {Integer.parseInt(args[0])});
        ds.setDatabaseName(args[1]);
        ds.setUser(args[2]);
        ds.setPassword(password);
        return ds;
    }

    public static void main(String[] args) throws IOException {
        String password = System.getenv("PGPASSWORD");
        if (args.length == 1 && args[0].equals("waiting")) {
            Migrator.configure().dataSource(new PGSimpleDataSource());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                return;
            }
            args = line.split("\t");
            password = in.readLine();
        }
        javax.sql.DataSource ds = dataSource(args, password);
        int k = Integer.parseInt(args[3]);
        AtomicInteger events = new AtomicInteger();
        Migrator m = Migrator.configure().dataSource(ds).backfillBatchSize(100).listener(e -> {
            if (events.incrementAndGet() == k) {
                System.out.println("KILL " + e);
                System.out.flush();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }).build();
        switch (args[4]) {
            case "start" -> m.start(Path.of(args[5]));
            case "rollback" -> m.rollback();
            default -> m.complete();
        }
        System.out.println("DONE " + events.get());
        System.out.flush();
    }
}

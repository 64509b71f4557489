package dev.tuesday.migrate.engine;

import dev.tuesday.migrate.Migrator;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A separate process that runs {@code complete} and stops dead at its {@code k}-th progress event:
 * it prints {@code KILL <event>} and waits, inside whatever step it is in (a transaction may be
 * open), for the test to {@code kill -9} it. Prints {@code DONE <events>} when complete finished
 * first. Arguments: port, database, user, k.
 */
public final class KillableComplete {

    private KillableComplete() {
    }

    public static void main(String[] args) throws InterruptedException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {Integer.parseInt(args[0])});
        ds.setDatabaseName(args[1]);
        ds.setUser(args[2]);
        int k = Integer.parseInt(args[3]);
        AtomicInteger events = new AtomicInteger();
        Migrator.configure().dataSource(ds).listener(e -> {
            if (events.incrementAndGet() == k) {
                System.out.println("KILL " + e);
                System.out.flush();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }).load().complete();
        System.out.println("DONE " + events.get());
        System.out.flush();
    }
}

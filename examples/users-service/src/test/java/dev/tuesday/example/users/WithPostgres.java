package dev.tuesday.example.users;

import dev.tuesday.embedded.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class whose tests share one throw-away PostgreSQL server, started before the first and stopped after the last. */
abstract class WithPostgres {

    static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.temporary(0);
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }
}

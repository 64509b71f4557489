package dev.tuesday.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.testsupport.TemporaryPostgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The users workload against a service on real PostgreSQL: clean when it is, caught when it is not. */
class DrillAgainstPostgresTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres();

    private static PostgresUsersService freshService() throws Exception {
        int n = DATABASES.incrementAndGet();
        return new PostgresUsersService(postgres.server().createDatabase("drill_" + n, "app_" + n));
    }

    private static Drill.Builder drill(PostgresUsersService service) {
        return Drill.configure().target(service.uri()).rate(50).duration(Duration.ofSeconds(4)).maxInFlight(8)
                .timeout(Duration.ofSeconds(10)).workload(Workload.users());
    }

    @Test
    void aServiceThatCommitsEveryWriteGetsACleanVerdictAndEveryRowIsInTheTable() throws Exception {
        try (PostgresUsersService service = freshService()) {
            Verdict v = drill(service).build().run().verdict();

            assertThat(v.requests()).isEqualTo(200);
            assertThat(v.failed()).isEmpty();
            assertThat(v.rowsWritten()).isGreaterThan(20).isEqualTo(service.rowsInTable());
            assertThat(v.lostWrites()).isZero();
            assertThat(v.clean()).isTrue();
        }
    }

    @Test
    void insertsAnsweredWith201ButRolledBackAreCountedAsLostWrites() throws Exception {
        try (PostgresUsersService service = freshService()) {
            service.rollBackCreates();
            DrillResult result = drill(service).build().run();

            Verdict v = result.verdict();
            assertThat(service.rowsInTable()).isZero();
            assertThat(v.rowsWritten()).isGreaterThan(20);
            assertThat(v.lostWrites()).isEqualTo(v.rowsWritten());
            assertThat(v.failed(FailureKind.WRONG_DATA)).isGreaterThan(10);
            assertThat(v.clean()).isFalse();
        }
    }

    @Test
    void aColumnRenamedUnderTheRunningServiceFailsItsRequestsFromThatPhaseOn() throws Exception {
        try (PostgresUsersService service = freshService()) {
            RunningDrill running = drill(service).build().start();
            Thread.sleep(2000);
            try (SpanMark rename = running.beginSpan("rename")) {
                service.execute("ALTER TABLE users RENAME COLUMN name TO full_name");
            }
            DrillResult result = running.await();

            Verdict v = result.verdict();
            assertThat(v.failed(FailureKind.SERVER_ERROR)).isGreaterThan(20);
            assertThat(v.unverified()).as("no row can be read back after the rename").isEqualTo(v.rowsWritten());
            List<Second> t = result.timeline();
            assertThat(t.get(0).failedTotal()).as("before the rename").isZero();
            assertThat(t.get(3).failedTotal()).as("after the rename").isGreaterThan(10);
            assertThat(result.spans()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("rename"));
            assertThat(v.longestFailureRun().count()).isGreaterThan(20);
        }
    }
}

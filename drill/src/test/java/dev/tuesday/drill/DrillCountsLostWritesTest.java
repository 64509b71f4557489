package dev.tuesday.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The drill checks writes: a row the service acknowledged and then lost or altered is a failure. */
class DrillCountsLostWritesTest {

    /**
     * At most 8 requests in flight: each request picks its operation when it gets a slot, so even
     * on a slow machine rows exist to be read back by the time most requests go out.
     */
    private static DrillResult drill(UsersStub service, int rate, Duration duration) {
        return Drill.configure().target(service.uri()).rate(rate).duration(duration).maxInFlight(8)
                .workload(Workload.users()).timeout(Duration.ofSeconds(10)).build().run();
    }

    /** Four seconds of the users workload at 100 requests per second against a stub with {@code fault}. */
    private static DrillResult drillAgainst(UsersStub.Fault fault) throws Exception {
        try (UsersStub service = new UsersStub().fault(fault)) {
            return drill(service, 100, Duration.ofSeconds(4));
        }
    }

    @Test
    void aServiceThatKeepsEveryWriteGetsACleanVerdict() throws Exception {
        try (UsersStub service = new UsersStub()) {
            DrillResult result = drill(service, 100, Duration.ofSeconds(4));

            Verdict v = result.verdict();
            assertThat(v.requests()).isEqualTo(400);
            assertThat(v.failed()).isEmpty();
            assertThat(v.rowsWritten()).isGreaterThan(50).isEqualTo(service.rowsKept());
            assertThat(v.lostWrites()).isZero();
            assertThat(v.unverified()).isZero();
            assertThat(v.clean()).isTrue();
            assertThat(service.requests()).as("every row read back once more at the end")
                    .isEqualTo(400 + v.rowsWritten());
        }
    }

    @Test
    void countsCreatesAcknowledgedButNeverStoredAsWrongDataAndLostWrites() throws Exception {
        try (UsersStub service = new UsersStub().fault(UsersStub.Fault.DROP_CREATES)) {
            DrillResult result = drill(service, 100, Duration.ofSeconds(4));

            Verdict v = result.verdict();
            assertThat(service.rowsKept()).isZero();
            assertThat(v.failed(FailureKind.WRONG_DATA)).as("reads of rows acknowledged earlier").isGreaterThan(10);
            assertThat(v.rowsWritten()).isGreaterThan(50);
            assertThat(v.lostWrites()).isEqualTo(v.rowsWritten());
            assertThat(v.clean()).isFalse();
            assertThat(result.samples()).anySatisfy(s -> assertThat(s.detail()).contains("is missing (404)"));
        }
    }

    @Test
    void countsACreateStoredWithOtherDataThanAcknowledgedAsWrongData() throws Exception {
        DrillResult result = drillAgainst(UsersStub.Fault.ALTER_CREATES);

        Verdict v = result.verdict();
        assertThat(v.failed(FailureKind.WRONG_DATA)).isGreaterThan(10);
        assertThat(v.lostWrites()).as("rows not repaired by a later update").isGreaterThan(20).isLessThanOrEqualTo(v.rowsWritten());
        assertThat(result.samples()).anySatisfy(s -> assertThat(s.detail()).contains("someone else"));
    }

    @Test
    void countsUpdatesAcknowledgedButNotAppliedAsWrongData() throws Exception {
        Verdict v = drillAgainst(UsersStub.Fault.DROP_UPDATES).verdict();

        assertThat(v.failed(FailureKind.WRONG_DATA)).isGreaterThan(5);
        assertThat(v.lostWrites()).isGreaterThan(5).isLessThan(v.rowsWritten());
    }

    @Test
    void acceptsTheNameUnderEitherFieldWhileTheServiceMovesFromNameToFullName() throws Exception {
        try (UsersStub service = new UsersStub()) {
            RunningDrill running = Drill.configure().target(service.uri()).rate(100).duration(Duration.ofSeconds(3))
                    .maxInFlight(8).workload(Workload.users()).timeout(Duration.ofSeconds(10)).build().start();
            Thread.sleep(1500);
            service.switchToFullName();
            DrillResult result = running.await();

            assertThat(result.verdict().failed()).isEmpty();
            assertThat(result.verdict().lostWrites()).isZero();
            assertThat(result.verdict().rowsWritten()).isGreaterThan(50);
        }
    }
}

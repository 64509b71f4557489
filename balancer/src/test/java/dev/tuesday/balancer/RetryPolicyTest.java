package dev.tuesday.balancer;

import static dev.tuesday.balancer.RetryPolicy.Decision.GIVE_UP;
import static dev.tuesday.balancer.RetryPolicy.Decision.RETRY_IDEMPOTENT;
import static dev.tuesday.balancer.RetryPolicy.Decision.RETRY_UNSENT;
import static dev.tuesday.balancer.RetryPolicy.Failure.CONNECTION;
import static dev.tuesday.balancer.RetryPolicy.Failure.OTHER;
import static dev.tuesday.balancer.RetryPolicy.Failure.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void retriesAnyRequestThatWasNeverSent() {
        assertThat(RetryPolicy.decide("POST", false, CONNECTION, false)).isEqualTo(RETRY_UNSENT);
        assertThat(RetryPolicy.decide("PATCH", false, CONNECTION, true)).isEqualTo(RETRY_UNSENT);
        assertThat(RetryPolicy.decide("GET", false, CONNECTION, true)).isEqualTo(RETRY_UNSENT);
    }

    @Test
    void retriesAnIdempotentRequestThatWasSentOnlyOnce() {
        assertThat(RetryPolicy.decide("GET", true, CONNECTION, false)).isEqualTo(RETRY_IDEMPOTENT);
        assertThat(RetryPolicy.decide("PUT", true, CONNECTION, false)).isEqualTo(RETRY_IDEMPOTENT);
        assertThat(RetryPolicy.decide("DELETE", true, CONNECTION, false)).isEqualTo(RETRY_IDEMPOTENT);
        assertThat(RetryPolicy.decide("GET", true, CONNECTION, true)).isEqualTo(GIVE_UP);
    }

    @Test
    void neverReplaysANonIdempotentRequestThatWasSent() {
        assertThat(RetryPolicy.decide("POST", true, CONNECTION, false)).isEqualTo(GIVE_UP);
        assertThat(RetryPolicy.decide("PATCH", true, CONNECTION, false)).isEqualTo(GIVE_UP);
    }

    @Test
    void neverRetriesTimeoutsOrMalformedResponses() {
        assertThat(RetryPolicy.decide("GET", true, TIMEOUT, false)).isEqualTo(GIVE_UP);
        assertThat(RetryPolicy.decide("GET", false, TIMEOUT, false)).isEqualTo(GIVE_UP);
        assertThat(RetryPolicy.decide("GET", true, OTHER, false)).isEqualTo(GIVE_UP);
    }
}

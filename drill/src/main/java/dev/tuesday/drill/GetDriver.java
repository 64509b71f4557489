package dev.tuesday.drill;

import java.net.URI;
import java.time.Instant;

/** {@link GetWorkload}: the same GET, again and again; a 2xx or 3xx is a success. */
final class GetDriver implements WorkloadDriver {

    private final URI target;
    private final Http http;
    private final String label;

    GetDriver(URI target, Http http) {
        this.target = target;
        this.http = http;
        this.label = "GET " + (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath());
    }

    @Override
    public Outcome exchange(long seq) {
        Reply reply = http.get(target);
        if (!reply.answered()) {
            return Outcome.failed(reply.error(), false, label, reply.detail());
        }
        if (reply.status() >= 200 && reply.status() < 400) {
            return Outcome.ok(label);
        }
        return reply.unlessStatus(label);
    }

    @Override
    public URI warmUpTarget() {
        return target;
    }

    @Override
    public Verification verify(Instant deadline) {
        return Verification.NONE;
    }
}

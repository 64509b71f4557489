package dev.tuesday.release.instance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One look at an instance's readiness endpoint: ready when it answers 2xx within one second.
 * A refused or reset connection (an instance still booting, or gone) is simply "not ready".
 */
record ReadinessProbe(HttpClient http, URI endpoint) {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** The probe of {@code path} on {@code instance}, sent through {@code http}. */
    static ReadinessProbe of(HttpClient http, URI instance, String path) {
        return new ReadinessProbe(http, instance.resolve(path));
    }

    /** Whether the endpoint answers 2xx within one second, now. */
    boolean passes() {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT).GET().build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

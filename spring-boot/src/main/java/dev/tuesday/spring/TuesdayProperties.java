package dev.tuesday.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The starter's settings, under {@code tuesday.}.
 *
 * @param versionSchema the version schema every pooled connection uses as its {@code search_path},
 *     for example {@code public_02_full_name} ({@code tuesday.version-schema}; default: the
 *     environment variable {@code TUESDAY_SCHEMA}; none when both are unset)
 * @param health the readiness and liveness checks ({@code tuesday.health.*})
 * @param drain what happens on shutdown ({@code tuesday.drain.*})
 * @param probes the probe endpoints on the application's port ({@code tuesday.probes.*})
 */
@ConfigurationProperties("tuesday")
public record TuesdayProperties(String versionSchema, @DefaultValue HealthSettings health,
        @DefaultValue DrainSettings drain, @DefaultValue ProbeSettings probes) {

    /**
     * @param checkTimeout the longest a readiness check may take before it fails
     *     ({@code tuesday.health.check-timeout}, default 1s)
     * @param cacheTtl how long a probe result is reused, so constant polling stays cheap
     *     ({@code tuesday.health.cache-ttl}, default 1s; 0 disables the cache)
     */
    public record HealthSettings(@DefaultValue("1s") Duration checkTimeout, @DefaultValue("1s") Duration cacheTtl) {
    }

    /**
     * @param delay how long the instance keeps serving after readiness turned to refusing, so
     *     balancers notice before it stops accepting ({@code tuesday.drain.delay}, default 5s)
     * @param timeout how long Boot's graceful shutdown waits for requests in flight after the delay
     *     ({@code tuesday.drain.timeout}, default 30s)
     */
    public record DrainSettings(@DefaultValue("5s") Duration delay, @DefaultValue("30s") Duration timeout) {
    }

    /**
     * @param enabled whether {@code /livez}, {@code /readyz} and {@code /startupz} are served on the
     *     application's own port ({@code tuesday.probes.enabled}, default true)
     */
    public record ProbeSettings(@DefaultValue("true") boolean enabled) {
    }
}

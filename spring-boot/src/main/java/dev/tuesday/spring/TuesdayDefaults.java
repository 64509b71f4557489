package dev.tuesday.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Boot settings the starter needs, as defaults: the application's own settings win over each.
 * Actuator's probe groups exist and include Tuesday's contributors ({@code readiness}:
 * {@code readinessState} and {@code tuesdayReadiness}; {@code liveness}: {@code livenessState} and
 * {@code tuesdayLiveness}), and the web server shuts down gracefully.
 */
public final class TuesdayDefaults implements EnvironmentPostProcessor {

    /** The name of the property source holding these defaults. */
    public static final String SOURCE = "tuesdayDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.group.readiness.include", "readinessState,tuesdayReadiness");
        defaults.put("management.endpoint.health.group.liveness.include", "livenessState,tuesdayLiveness");
        defaults.put("server.shutdown", "graceful");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }
}

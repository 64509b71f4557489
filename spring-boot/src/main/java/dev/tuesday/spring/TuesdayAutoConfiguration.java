package dev.tuesday.spring;

import dev.tuesday.health.Checks;
import dev.tuesday.health.Health;
import dev.tuesday.health.HealthBuilder;
import dev.tuesday.health.Probe;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * What a Spring Boot service gets by adding {@code tuesday-spring-boot-starter}:
 *
 * <ul>
 *   <li>the version schema ({@code tuesday.version-schema}, else {@code TUESDAY_SCHEMA}) as the
 *       {@code search_path} of every pooled connection ({@link VersionSchemaPool});</li>
 *   <li>Tuesday's {@link Health}: readiness passes once the application is ready, the database
 *       answers within the check timeout, the version schema exists and Spring's readiness state
 *       accepts traffic; liveness checks for deadlocked threads and Spring's liveness state, never
 *       the database. Results are cached ({@code tuesday.health.cache-ttl});</li>
 *   <li>the probes as Actuator contributors in the {@code readiness} and {@code liveness} groups,
 *       and on the application's port as {@code /livez}, {@code /readyz}, {@code /startupz};</li>
 *   <li>the drain ({@link DrainLifecycle}): on shutdown readiness refuses first, the drain delay
 *       passes, then Boot's graceful shutdown finishes requests in flight within
 *       {@code tuesday.drain.timeout}.</li>
 * </ul>
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@EnableConfigurationProperties(TuesdayProperties.class)
public class TuesdayAutoConfiguration {

    /** The version schema on every pooled connection; nothing when no schema is named. */
    @Bean
    static BeanPostProcessor tuesdayVersionSchemaPool(Environment environment) {
        Optional<String> schema = VersionSchemaSetting.resolve(environment);
        String application = environment.getProperty("spring.application.name", "");
        return schema.<BeanPostProcessor>map(s -> new VersionSchemaPool(s, application))
                .orElseGet(() -> new BeanPostProcessor() { });
    }

    /** {@code tuesday.drain.timeout} as the time Boot's graceful shutdown phase gets. */
    @Bean
    static BeanPostProcessor tuesdayGracefulShutdownTimeout(Environment environment) {
        TuesdayProperties settings = Binder.get(environment).bindOrCreate("tuesday", TuesdayProperties.class);
        return new GracefulShutdownTimeout(settings.drain().timeout());
    }

    /** Tuesday's health of this instance, in state STARTING until the application is ready. */
    @Bean
    @ConditionalOnMissingBean
    Health tuesdayHealth(TuesdayProperties settings, Environment environment, ObjectProvider<DataSource> dataSources,
            ObjectProvider<ApplicationAvailability> availability) {
        HealthBuilder builder = Health.configure()
                .checkTimeout(settings.health().checkTimeout())
                .cacheTtl(settings.health().cacheTtl())
                .drainDelay(settings.drain().delay())
                .drainTimeout(settings.drain().timeout())
                .liveness("deadlocks", Checks.deadlocks());
        DataSource dataSource = dataSources.getIfUnique();
        if (dataSource != null) {
            builder.readiness("database", Checks.database(dataSource, settings.health().checkTimeout()));
            VersionSchemaSetting.resolve(environment)
                    .ifPresent(schema -> builder.readiness("version-schema", Checks.versionSchema(dataSource, schema)));
        }
        ApplicationAvailability states = availability.getIfAvailable();
        if (states != null) {
            builder.readiness("availability", AvailabilityChecks.readiness(states));
            builder.liveness("availability", AvailabilityChecks.liveness(states));
        }
        return builder.build();
    }

    /** Warm-up is over when Boot says the application is ready. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> tuesdayMarkReady(Health health) {
        return event -> health.markReady();
    }

    @Bean
    DrainLifecycle tuesdayDrain(Health health, ApplicationEventPublisher events) {
        return new DrainLifecycle(health, events);
    }

    /** Tuesday's readiness in Actuator's {@code readiness} group, as {@code tuesdayReadiness}. */
    @Bean
    HealthIndicator tuesdayReadinessHealthIndicator(Health health) {
        return new ProbeHealthIndicator(health, Probe.READINESS);
    }

    /** Tuesday's liveness in Actuator's {@code liveness} group, as {@code tuesdayLiveness}. */
    @Bean
    HealthIndicator tuesdayLivenessHealthIndicator(Health health) {
        return new ProbeHealthIndicator(health, Probe.LIVENESS);
    }

    /** The servlet filters: probes on the main port, {@code Connection: close} while draining. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class ServletFilters {

        @Bean
        @ConditionalOnProperty(name = "tuesday.probes.enabled", matchIfMissing = true)
        FilterRegistrationBean<ProbeFilter> tuesdayProbeFilter(Health health) {
            FilterRegistrationBean<ProbeFilter> registration = new FilterRegistrationBean<>(new ProbeFilter(health));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        @Bean
        FilterRegistrationBean<ConnectionCloseFilter> tuesdayConnectionCloseFilter(Health health) {
            FilterRegistrationBean<ConnectionCloseFilter> registration = new FilterRegistrationBean<>(new ConnectionCloseFilter(health));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}

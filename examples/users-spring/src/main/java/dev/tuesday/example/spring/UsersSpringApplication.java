package dev.tuesday.example.spring;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The users service of Tuesday's running example on Spring Boot, with Tuesday's starter: the same
 * HTTP API and the same environment as {@code users-service} ({@code PORT}, {@code HOST},
 * {@code DATABASE_URL}, {@code DATABASE_USER}, {@code DATABASE_PASSWORD}, {@code USERS_VERSION},
 * {@code TUESDAY_SCHEMA}, {@code DRAIN_DELAY}, ...), so {@code tuesday release} and {@code drill}
 * drive it unchanged. The starter does the rest: version schema on the pool, probes, drain. Its
 * own addition: a {@link WarmUp} before it reports ready ({@code USERS_WARM_UP_REQUESTS}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(UsersController.class)
public class UsersSpringApplication {

    /** Runs the service until SIGTERM. Exits 2 on a bad setting. */
    public static void main(String[] args) {
        UsersSettings settings;
        try {
            settings = UsersSettings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("users-spring: " + e.getMessage());
            System.exit(2);
            return;
        }
        SpringApplication app = new SpringApplication(UsersSpringApplication.class);
        // Without TUESDAY_SCHEMA each version uses its own default, as users-service does.
        app.setDefaultProperties(Map.of("users.default-schema", settings.version().defaultSchema(),
                "users.pool-timeout", Long.toString(settings.poolTimeout().toMillis())));
        app.addInitializers(context -> context.getBeanFactory().registerSingleton("usersSettings", settings));
        app.run(args);
    }

    @Bean
    UsersRepository usersRepository(JdbcClient jdbc, UsersSettings settings) {
        return new UsersRepository(jdbc, settings.version());
    }

    @Bean
    WarmUp warmUp(UsersSettings settings, UsersController controller, Environment environment) {
        return new WarmUp(settings, controller, environment);
    }

    /** The line tests and people read to find the port (the same words as users-service). */
    @Bean
    ApplicationListener<WebServerInitializedEvent> usersListening(UsersSettings settings, Environment environment) {
        return event -> System.out.println("users-spring " + settings.version().label() + " listening on http://"
                + environment.getProperty("server.address", "127.0.0.1") + ":" + event.getWebServer().getPort()
                + " schema " + environment.getProperty("tuesday.version-schema"));
    }
}

package dev.tuesday.spring;

import dev.tuesday.testsupport.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A real Spring Boot application with the starter, on a free port, and a plain HTTP client for it. */
final class TestApp implements AutoCloseable {

    /** The application without JPA: Hibernate would connect at start-up, which some tests forbid. */
    static final String NO_JPA = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
            + "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration";

    final ConfigurableApplicationContext context;
    final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private TestApp(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Starts {@code config} on {@code database} as its owner, with {@code more} settings on top. */
    static TestApp start(Class<?> config, TestDatabase database, String... more) {
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", database.jdbcUrl());
        props.put("spring.datasource.username", database.owner());
        props.put("spring.datasource.password", database.password());
        props.put("spring.datasource.hikari.connection-timeout", "2000");
        props.put("server.port", "0");
        props.put("server.address", "127.0.0.1");
        props.put("spring.autoconfigure.exclude", NO_JPA);
        props.put("spring.main.banner-mode", "off");
        props.put("logging.level.root", "warn");
        props.put("management.endpoint.health.show-details", "always");
        for (int i = 0; i + 1 < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        SpringApplicationBuilder builder = new SpringApplicationBuilder(config).properties(props);
        // Tests close the context themselves; no shutdown hook piles up across tests.
        builder.registerShutdownHook(false);
        return new TestApp(builder.run());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(http, path);
    }

    HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    int status(String path) {
        try {
            return get(path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Polls {@code path} until it answers {@code status}; whether it did within {@code within}. */
    boolean awaitStatus(String path, int status, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (status(path) == status) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Override
    public void close() {
        context.close();
    }
}

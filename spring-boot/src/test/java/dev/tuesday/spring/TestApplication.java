package dev.tuesday.spring;

import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The application the starter's tests run: the starter plus two endpoints. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(TestApplication.Endpoints.class)
class TestApplication {

    @RestController
    static class Endpoints {

        private final JdbcClient jdbc;

        Endpoints(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        /** Answers after {@code ms} milliseconds: a request that is in flight for a while. */
        @GetMapping("/slow")
        Map<String, Object> slow(@RequestParam(name = "ms", defaultValue = "0") long ms) throws InterruptedException {
            Thread.sleep(ms);
            return Map.of("slept", ms);
        }

        @GetMapping("/schema")
        Map<String, Object> schema() {
            return Map.of("schema", jdbc.sql("SELECT current_schema()").query(String.class).single());
        }
    }
}

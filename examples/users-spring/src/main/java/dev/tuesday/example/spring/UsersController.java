package dev.tuesday.example.spring;

import dev.tuesday.common.Durations;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The same API as {@code users-service}: {@code GET /users/{id}}, {@code GET /users?after=&limit=},
 * {@code POST /users} and {@code PUT /users/{id}}, JSON bodies whose name field is {@code name}
 * (v1) or {@code full_name} (v2), errors as {@code {"error": "..."}}. Every request may carry
 * {@code ?delay=1s} to answer slowly; {@code USERS_FAIL_RATE} and {@code USERS_DELAY} inject faults.
 */
@RestController
final class UsersController implements DisposableBean {

    private static final int MAX_LIMIT = 100;
    private static final Duration MAX_DELAY = Duration.ofMinutes(1);

    private final UsersRepository users;
    private final String nameField;
    private final UsersSettings settings;
    private final LongAdder answered = new LongAdder();

    UsersController(UsersRepository users, UsersSettings settings) {
        this.users = users;
        this.nameField = settings.version().nameColumn();
        this.settings = settings;
    }

    @GetMapping("/users/{id}")
    ResponseEntity<Map<String, Object>> find(@PathVariable("id") String id, @RequestParam(name = "delay", required = false) String delay)
            throws InterruptedException {
        return answer(delay, () -> users.find(number("user id", id)).map(u -> ok(HttpStatus.OK, u)).orElseGet(() -> notFound(id)));
    }

    @GetMapping({"/users", "/users/"})
    ResponseEntity<Map<String, Object>> list(@RequestParam(name = "after", defaultValue = "0") String after,
            @RequestParam(name = "limit", defaultValue = "20") String limit,
            @RequestParam(name = "delay", required = false) String delay) throws InterruptedException {
        return answer(delay, () -> {
            long n = number("limit", limit);
            if (n < 1 || n > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT);
            }
            List<UsersRepository.User> page = users.list(number("after", after), (int) n);
            List<Map<String, Object>> array = new ArrayList<>();
            page.forEach(u -> array.add(json(u)));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("users", array);
            body.put("next", page.size() == n ? page.get(page.size() - 1).id() : null);
            return ResponseEntity.ok(body);
        });
    }

    @PostMapping({"/users", "/users/"})
    ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> body,
            @RequestParam(name = "delay", required = false) String delay) throws InterruptedException {
        return answer(delay, () -> ok(HttpStatus.CREATED, users.create(text(body, nameField), text(body, "email"))));
    }

    @PutMapping("/users/{id}")
    ResponseEntity<Map<String, Object>> update(@PathVariable("id") String id, @RequestBody Map<String, Object> body,
            @RequestParam(name = "delay", required = false) String delay) throws InterruptedException {
        return answer(delay, () -> users.update(number("user id", id), text(body, nameField), text(body, "email"))
                .map(u -> ok(HttpStatus.OK, u)).orElseGet(() -> notFound(id)));
    }

    private ResponseEntity<Map<String, Object>> answer(String delay, java.util.function.Supplier<ResponseEntity<Map<String, Object>>> work)
            throws InterruptedException {
        try {
            Duration extra = delay == null ? Duration.ZERO : duration("delay", delay);
            Duration total = settings.delay().plus(extra);
            Thread.sleep(total.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : total);
            if (settings.failRate() > 0 && ThreadLocalRandom.current().nextDouble() < settings.failRate()) {
                return error(HttpStatus.INTERNAL_SERVER_ERROR, "injected failure");
            }
            return work.get();
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (DataAccessException e) {
            Optional<String> state = sqlState(e);
            boolean unavailable = state.map(s -> s.startsWith("08")).orElse(false);
            return unavailable ? error(HttpStatus.SERVICE_UNAVAILABLE, "database unavailable")
                    : error(HttpStatus.INTERNAL_SERVER_ERROR, "database error " + state.orElse(""));
        } finally {
            answered.increment();
        }
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        answered.increment();
        return error(HttpStatus.BAD_REQUEST, "body must be a JSON object");
    }

    /** The API requests answered so far, its own warm-up's excepted. */
    long answered() {
        return answered.sum();
    }

    /** Forgets the requests of the warm-up, which runs before the service is ready and alone. */
    void forgetWarmUp() {
        answered.reset();
    }

    @Override
    public void destroy() {
        // Runs after Boot's graceful shutdown: every request the server accepted has been answered.
        System.out.println("users-spring stopped after answering " + answered() + " API requests");
    }

    private Map<String, Object> json(UsersRepository.User u) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", u.id());
        node.put(nameField, u.name());
        node.put("email", u.email());
        return node;
    }

    private ResponseEntity<Map<String, Object>> ok(HttpStatus status, UsersRepository.User u) {
        return ResponseEntity.status(status).body(json(u));
    }

    private static ResponseEntity<Map<String, Object>> notFound(String id) {
        return error(HttpStatus.NOT_FOUND, "user " + id + " not found");
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return ResponseEntity.status(status).body(body);
    }

    private static String text(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("field " + field + " must be a string");
        }
        return (String) value;
    }

    private static long number(String what, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, got '" + text + "'");
        }
    }

    /** {@code text} read as Tuesday reads durations ({@code 1s}, {@code 250ms}, {@code PT1S}); the error names {@code what}. */
    static Duration duration(String what, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }
}

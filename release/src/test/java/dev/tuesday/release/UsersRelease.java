package dev.tuesday.release;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The pieces of a release plan for the real users service, v1 to v2 with the {@code name -> full_name} rename. */
final class UsersRelease {
    /** The users service's migrations: {@code 01_create_users.yaml}, {@code 02_full_name.yaml}, ... */
    static final Path MIGRATIONS = Path.of("..", "examples", "users-service", "migrations").toAbsolutePath().normalize();

    private UsersRelease() {
    }

    /** The command starting the users service in a JVM of its own with {@code jvmOptions}, as a YAML list. */
    static String command(String... jvmOptions) {
        List<String> words = new ArrayList<>();
        words.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        words.addAll(List.of(jvmOptions));
        words.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.tuesday.example.users.UsersService"));
        return "[" + String.join(", ", words.stream().map(w -> "'" + w.replace("'", "''") + "'").toList()) + "]";
    }
}

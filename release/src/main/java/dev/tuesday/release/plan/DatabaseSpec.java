package dev.tuesday.release.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * The database the release migrates and the instances use.
 *
 * @param url      JDBC URL ({@code jdbc:postgresql://host:port/db}); given to every instance as
 *                 {@code TUESDAY_DATABASE_URL}
 * @param user     role to connect as; empty when the URL or the environment names it
 * @param password its password; empty for none
 * @param schema   the application's schema, whose version schemas the migration manages; default {@code public}
 */
public record DatabaseSpec(String url, Optional<String> user, Optional<String> password, String schema) {
    /** Checks the fields. */
    public DatabaseSpec {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(schema, "schema");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("url '" + url + "' must be a JDBC URL starting with jdbc:postgresql:");
        }
        if (schema.isBlank()) {
            throw new IllegalArgumentException("schema must not be blank");
        }
    }

    /** The password is never printed. */
    @Override
    public String toString() {
        return "DatabaseSpec[url=" + url + ", user=" + user.orElse("") + ", schema=" + schema + "]";
    }
}

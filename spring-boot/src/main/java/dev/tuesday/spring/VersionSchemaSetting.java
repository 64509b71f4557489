package dev.tuesday.spring;

import dev.tuesday.health.VersionSchema;
import java.util.Optional;
import org.springframework.core.env.Environment;

/** Where the version schema comes from: {@code tuesday.version-schema}, else {@code TUESDAY_SCHEMA}. */
final class VersionSchemaSetting {

    /** The property that names the version schema. */
    static final String PROPERTY = "tuesday.version-schema";

    private VersionSchemaSetting() {
    }

    /** The version schema, when one is named and not blank. */
    static Optional<String> resolve(Environment environment) {
        String named = environment.getProperty(PROPERTY);
        if (named == null || named.isBlank()) {
            named = environment.getProperty(VersionSchema.ENV);
        }
        return Optional.ofNullable(named).map(String::strip).filter(s -> !s.isEmpty());
    }
}

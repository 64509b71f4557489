package dev.tuesday.migrate;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A test that runs once on the oldest and once on the newest PostgreSQL Tuesday supports
 * ({@link TestDatabases#versions()}), given the major version as its {@code int} parameter: what
 * works on both ends works on the versions between.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "PostgreSQL {0}")
@MethodSource("dev.tuesday.migrate.TestDatabases#versions")
public @interface OnOldestAndNewestPostgres {
}

package dev.tuesday.migrate.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One SQL action of a plan. The executor decides how to run it from its kind; planners never
 * open transactions themselves. Steps are stored (as JSON) with the active migration, so a
 * {@code complete} or {@code rollback} in another process runs exactly what {@code start} planned.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = Step.Ddl.class, name = "ddl"),
        @JsonSubTypes.Type(value = Step.Concurrently.class, name = "concurrently")})
public sealed interface Step {

    /** What the step does, for progress lines and errors, e.g. {@code add column "email" to "users"}. */
    String description();

    /** The SQL text. */
    String sql();

    /**
     * A statement run in its own short transaction under {@code SET LOCAL lock_timeout}, retried
     * with backoff on {@code lock_not_available}. Several statements may be separated by {@code ;}
     * when they must commit together. It also runs under the migrator's DDL
     * {@code statement_timeout}, unless it {@code scans}: it reads the table under a lock that lets
     * the application read and write (a {@code VALIDATE}, a materialized view's build or refresh,
     * a migration's own {@code sql}), which takes as long as the table needs.
     */
    record Ddl(String description, String sql, boolean scans) implements Step {

        /** A catalog change: quick, or stopped by the DDL statement timeout. */
        public Ddl(String description, String sql) {
            this(description, sql, false);
        }

        /** A step that reads the table under a weak lock, with no statement timeout. */
        public static Ddl scanning(String description, String sql) {
            return new Ddl(description, sql, true);
        }
    }

    /**
     * A {@code CREATE INDEX CONCURRENTLY} (or an {@code ALTER … USING INDEX} depending on one),
     * run outside any transaction. A failed concurrent build leaves an INVALID index behind: the
     * executor drops {@code schema.index} before retrying or giving up.
     */
    record Concurrently(String description, String sql, String schema, String index) implements Step {
    }
}

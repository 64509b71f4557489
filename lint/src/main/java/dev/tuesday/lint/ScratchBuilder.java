package dev.tuesday.lint;

import dev.tuesday.embedded.PostgresServer;

/**
 * What the builders of {@link Linter} and {@link Checker} share: the PostgreSQL server their
 * scratch databases are made on, and the schema those databases start from.
 *
 * @param <B> the builder itself, so that each setter returns it
 */
public abstract class ScratchBuilder<B extends ScratchBuilder<B>> {
    PostgresServer server;
    StartingSchema start = StartingSchema.NONE;

    ScratchBuilder() {}

    /**
     * The PostgreSQL server to create scratch databases on, left running. Default: a throw-away
     * server started for each run and stopped after it.
     */
    public B server(PostgresServer server) {
        this.server = server;
        return self();
    }

    /** The schema the migrations meet: {@link StartingSchema#NONE} (the default) is an empty database. */
    public B startingSchema(StartingSchema start) {
        this.start = start;
        return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}

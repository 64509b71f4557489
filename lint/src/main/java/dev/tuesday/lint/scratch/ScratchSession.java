package dev.tuesday.lint.scratch;

import dev.tuesday.embedded.PostgresServer;
import dev.tuesday.lint.StartingSchema;
import java.nio.file.Path;

/**
 * One scratch database holding the starting schema, on a server of the linted major version: what
 * {@code lint} and {@code check} replay migrations on. Closing it drops the database, and stops
 * the server when the session started it.
 */
public final class ScratchSession implements AutoCloseable {

    private final PostgresServer server;
    private final boolean ownsServer;
    private final ScratchDatabase db;
    private final SchemaLoader loader;

    private ScratchSession(PostgresServer server, boolean ownsServer) {
        this.server = server;
        this.ownsServer = ownsServer;
        ScratchDatabase created;
        try {
            created = ScratchDatabase.create(server);
        } catch (RuntimeException e) {
            if (ownsServer) {
                server.close();
            }
            throw e;
        }
        this.db = created;
        this.loader = new SchemaLoader(db);
    }

    /**
     * A fresh database on {@code server} (left running), or on a throw-away server of {@code major}
     * when {@code server} is null, with {@code start} loaded; {@code before} is the first migration
     * linted (a starting folder stops before it), or null.
     */
    public static ScratchSession open(PostgresServer server, int major, StartingSchema start, Path before) {
        ScratchSession session = server != null ? new ScratchSession(server, false)
                : new ScratchSession(throwAwayServer(major), true);
        try {
            session.load(start, before);
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * A throw-away server of the target major version when Tuesday carries its binaries (13, 14),
     * else the bundled newest one: lock modes and rewrites rarely differ between versions, syntax does.
     */
    private static PostgresServer throwAwayServer(int major) {
        if (major == 13 || major == 14) {
            try {
                return PostgresServer.temporary(major);
            } catch (IllegalStateException e) {
                // Those binaries are not installed here; the bundled server still measures.
            }
        }
        return PostgresServer.temporary(0);
    }

    private void load(StartingSchema start, Path before) {
        if (start.url() != null) {
            loader.copyFrom(start.url());
        }
        if (start.path() != null) {
            if (before == null) {
                loader.applyPath(start.path());
            } else {
                loader.applyPathBefore(start.path(), before);
            }
        }
        if (start.sql() != null) {
            loader.applySql("schema", start.sql());
        }
    }

    /** The scratch database. */
    public ScratchDatabase db() {
        return db;
    }

    /** Applies more schema to the scratch database. */
    public SchemaLoader loader() {
        return loader;
    }

    @Override
    public void close() {
        try {
            db.close();
        } finally {
            if (ownsServer) {
                server.close();
            }
        }
    }
}

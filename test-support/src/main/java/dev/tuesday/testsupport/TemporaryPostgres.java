package dev.tuesday.testsupport;

import dev.tuesday.embedded.PostgresServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throw-away PostgreSQL server shared by the tests of one class, and fresh databases on it, so
 * that each test starts from an empty database without paying for a server of its own.
 *
 * <p>Registered on a static field:
 * <pre>{@code
 * @RegisterExtension
 * static final TemporaryPostgres postgres = new TemporaryPostgres();
 * }</pre>
 * The server starts on first use, so a class whose tests never reach the database (skipped, or
 * checking something else) starts none, and it is stopped and deleted after the class's last test.
 */
public final class TemporaryPostgres implements AfterAllCallback {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final int major;
    private PostgresServer server;

    /** The newest PostgreSQL Tuesday supports. */
    public TemporaryPostgres() {
        this(0);
    }

    /** PostgreSQL of {@code major} (13 to 18), or 0 for the newest. */
    public TemporaryPostgres(int major) {
        this.major = major;
    }

    /** The server, started on the first call. */
    public synchronized PostgresServer server() {
        if (server == null) {
            server = PostgresServer.temporary(major);
        }
        return server;
    }

    /**
     * A new database named {@code prefix} and a number unique in this JVM, owned by {@code owner}
     * (a login role, not superuser, that also owns its {@code public} schema).
     */
    public TestDatabase freshDatabase(String prefix, String owner) {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        server().createDatabase(name, owner);
        return new TestDatabase(server(), name, owner);
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}

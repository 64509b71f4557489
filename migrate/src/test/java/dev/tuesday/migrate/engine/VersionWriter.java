package dev.tuesday.migrate.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * An application instance of one version, reduced to its writes: on its own connection it inserts
 * a row and updates one of the rows it owns, in a loop, through its version's {@code users} view,
 * and remembers the last value it wrote to each row.
 */
final class VersionWriter implements AutoCloseable {

    private final DataSource dataSource;
    private final String nameColumn;
    private final String label;
    private final List<Long> owned;
    private final Map<Long, String> written = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    /**
     * @param nameColumn the column this version calls the name ({@code name} or {@code full_name})
     * @param owned rows (ids) this writer may update besides the ones it inserts
     */
    VersionWriter(DataSource dataSource, String nameColumn, String label, List<Long> owned) {
        this.dataSource = dataSource;
        this.nameColumn = nameColumn;
        this.label = label;
        this.owned = new ArrayList<>(owned);
        this.thread = Thread.ofPlatform().name("writer-" + label).start(this::loop);
    }

    private void loop() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO users (\"" + nameColumn
                        + "\", email) VALUES (?, ?) RETURNING id");
                PreparedStatement update = c.prepareStatement("UPDATE users SET \"" + nameColumn + "\" = ? WHERE id = ?")) {
            for (int i = 0; running.get(); i++) {
                String value = label + "-" + i;
                insert.setString(1, value);
                insert.setString(2, value + "@example.com");
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    long id = rs.getLong(1);
                    written.put(id, value);
                    synchronized (owned) {
                        owned.add(id);
                    }
                }
                long target;
                synchronized (owned) {
                    target = owned.get((i * 7919) % owned.size());
                }
                String updated = label + "-upd-" + i;
                update.setString(1, updated);
                update.setLong(2, target);
                if (update.executeUpdate() == 1) {
                    written.put(target, updated);
                }
                Thread.sleep(1);
            }
        } catch (SQLException | InterruptedException | RuntimeException e) {
            failure.set(e);
        }
    }

    /** Rows inserted so far. */
    int inserted() {
        return written.size();
    }

    /** Stops the loop and returns the last value written to each row; fails if a write failed. */
    Map<Long, String> stop() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
        if (failure.get() != null) {
            throw new AssertionError(label + " writer failed: " + failure.get().getMessage(), failure.get());
        }
        return Map.copyOf(written);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}

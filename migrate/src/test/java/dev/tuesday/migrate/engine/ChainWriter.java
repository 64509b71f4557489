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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * An application instance of one version of a chain, reduced to its writes: on its own
 * connection it inserts a row and updates one it owns through its version's {@code users} view,
 * naming the columns as that version does, until stopped or {@code maxOps} writes are done, and
 * remembers the last name it wrote to each row.
 */
final class ChainWriter {

    private final DataSource dataSource;
    private final String label;
    private final String nameColumn;
    private final boolean writesEmail;
    private final int maxOps;
    private final List<Long> owned;
    private final Map<Long, String> written = new ConcurrentHashMap<>();
    private final Map<Long, String> emails = new ConcurrentHashMap<>();
    private final AtomicInteger inserted = new AtomicInteger();
    private final AtomicInteger updated = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    ChainWriter(DataSource dataSource, String label, String nameColumn, boolean writesEmail, int maxOps, List<Long> owned) {
        this.dataSource = dataSource;
        this.label = label;
        this.nameColumn = nameColumn;
        this.writesEmail = writesEmail;
        this.maxOps = maxOps;
        this.owned = new ArrayList<>(owned);
        this.thread = Thread.ofPlatform().name("writer-" + label).start(this::loop);
    }

    private void loop() {
        String email = writesEmail ? ", email" : "";
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO users (\"" + nameColumn + "\"" + email
                        + ") VALUES (?" + (writesEmail ? ", ?" : "") + ") RETURNING id");
                PreparedStatement update = c.prepareStatement("UPDATE users SET \"" + nameColumn + "\" = ?"
                        + (writesEmail ? ", email = ?" : "") + " WHERE id = ?")) {
            for (int i = 0; running.get() && inserted.get() + updated.get() < maxOps; i++) {
                String value = label + "-" + i;
                insert.setString(1, value);
                if (writesEmail) {
                    insert.setString(2, email(value));
                }
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    long id = rs.getLong(1);
                    written.put(id, value);
                    emails.put(id, email(value));
                    owned.add(id);
                    inserted.incrementAndGet();
                }
                long target = owned.get((i * 7919) % owned.size());
                String changed = label + "-upd-" + i;
                update.setString(1, changed);
                if (writesEmail) {
                    update.setString(2, email(changed));
                }
                update.setLong(writesEmail ? 3 : 2, target);
                if (update.executeUpdate() == 1) {
                    written.put(target, changed);
                    emails.put(target, email(changed));
                    updated.incrementAndGet();
                }
                Thread.sleep(5);
            }
        } catch (SQLException | InterruptedException | RuntimeException e) {
            failure.set(e);
        }
    }

    /**
     * The email of a row whose name is {@code name}: what this version writes (upper case, so it
     * cannot be mistaken for the {@code up}), or for a version without the column what the
     * {@code up} of the migration that adds it gives.
     */
    private String email(String name) {
        return writesEmail ? name.toUpperCase(java.util.Locale.ROOT) + "@WRITTEN" : name + "@example.com";
    }

    /** The email each row this writer wrote last should have. */
    Map<Long, String> emails() {
        return Map.copyOf(emails);
    }

    String label() {
        return label;
    }

    int inserted() {
        return inserted.get();
    }

    int updated() {
        return updated.get();
    }

    /** Stops the loop and returns the last name written to each row; fails if a write failed. */
    Map<Long, String> stop() throws InterruptedException {
        running.set(false);
        thread.join(30_000);
        if (failure.get() != null) {
            throw new AssertionError(label + " writer failed: " + failure.get().getMessage(), failure.get());
        }
        return Map.copyOf(written);
    }
}

package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.MigrationStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads the state without the lock and without creating anything (a missing state schema is an empty history). */
public final class StatusReader {

    private StatusReader() {
    }

    /** The status of the settings' schema. */
    public static MigrationStatus status(Connection c, Settings settings) throws SQLException {
        if (!stateExists(c, settings)) {
            return new MigrationStatus(settings.schema(), Optional.empty(), List.of());
        }
        StateStore state = new StateStore(c, settings.stateSchema(), settings.schema());
        List<MigrationRecord> history = state.history();
        Optional<MigrationStatus.Active> active = Optional.empty();
        for (MigrationRecord r : history) {
            if (r.status().equals(MigrationRecord.ACTIVE)) {
                List<MigrationStatus.Backfill> backfills = state.backfills(r.id()).stream()
                        .map(b -> new MigrationStatus.Backfill(b.table(), b.batches(), b.rows(), b.estimatedRows(), b.done()))
                        .toList();
                active = Optional.of(new MigrationStatus.Active(r.name(), r.phase(), r.versionSchema(), r.startedAt(),
                        backfills));
            }
        }
        return new MigrationStatus(settings.schema(), active, history.stream().map(r -> new MigrationStatus.Entry(
                r.name(), r.status(), r.versionSchema(), r.checksum(), r.startedAt(), r.completedAt())).toList());
    }

    /** The version schema of the newest active or complete migration. */
    public static Optional<String> latestVersionSchema(Connection c, Settings settings) throws SQLException {
        if (!stateExists(c, settings)) {
            return Optional.empty();
        }
        return new StateStore(c, settings.stateSchema(), settings.schema()).latest().map(MigrationRecord::versionSchema);
    }

    private static boolean stateExists(Connection c, Settings settings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, Sql.qualified(settings.stateSchema(), "migrations"));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}

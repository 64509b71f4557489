package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationStatus;
import dev.tuesday.migrate.schema.MigrationValidator;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.SchemaReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        List<MigrationStatus.Active> chain = new java.util.ArrayList<>();
        for (MigrationRecord r : history) {
            if (r.status().equals(MigrationRecord.ACTIVE)) {
                List<MigrationStatus.Backfill> backfills = state.backfills(r.id()).stream()
                        .map(b -> new MigrationStatus.Backfill(b.table(), b.batches(), b.rows(), b.estimatedRows(), b.done()))
                        .toList();
                active = Optional.of(new MigrationStatus.Active(r.name(), r.phase(), r.versionSchema(), r.startedAt(),
                        backfills));
                chain.add(active.get());
            }
        }
        return new MigrationStatus(settings.schema(), active, history.stream().map(r -> new MigrationStatus.Entry(
                r.name(), r.status(), r.versionSchema(), r.checksum(), r.startedAt(), r.completedAt())).toList(), chain);
    }

    /** The version schema of the newest active or complete migration. */
    public static Optional<String> latestVersionSchema(Connection c, Settings settings) throws SQLException {
        return latest(c, settings).map(MigrationRecord::versionSchema);
    }

    /** The files of the applied migrations, oldest first; none when Tuesday has not run here. */
    public static List<StateStore.RecordedFile> appliedFiles(Connection c, Settings settings) throws SQLException {
        if (!stateExists(c, settings)) {
            return List.of();
        }
        return new StateStore(c, settings.stateSchema(), settings.schema()).appliedFiles();
    }

    /** The name of the migration whose version schema {@link #latestVersionSchema} names. */
    public static Optional<String> latestMigration(Connection c, Settings settings) throws SQLException {
        return latest(c, settings).map(MigrationRecord::name);
    }

    private static Optional<MigrationRecord> latest(Connection c, Settings settings) throws SQLException {
        if (!stateExists(c, settings)) {
            return Optional.empty();
        }
        return new StateStore(c, settings.stateSchema(), settings.schema()).latest();
    }

    /**
     * Validates the migrations of {@code migrations} not yet applied; returns the names checked.
     * With {@code rehearse}, the first one's contract is played and rolled back, as start does.
     */
    public static List<String> validate(Connection c, Settings settings, List<Migration> migrations, boolean rehearse)
            throws SQLException {
        Set<String> applied = new HashSet<>();
        if (stateExists(c, settings)) {
            new StateStore(c, settings.stateSchema(), settings.schema()).history().stream()
                    .filter(r -> !r.status().equals(MigrationRecord.ROLLED_BACK))
                    .forEach(r -> applied.add(r.name()));
        }
        List<String> checked = new ArrayList<>();
        Schema schema = SchemaReader.read(c, settings.schema());
        for (Migration m : migrations) {
            if (applied.contains(m.name())) {
                continue;
            }
            if (checked.isEmpty()) {
                Schema live = schema;
                schema = MigrationValidator.validate(m, live, c);
                // What stands on the columns it replaces is looked at too (no lock, no change).
                Set<String> ignored = stateExists(c, settings)
                        ? Engine.versionSchemas(new StateStore(c, settings.stateSchema(), settings.schema())) : Set.of();
                Planners.Reach reach = Planners.reach(m, live, m.versionSchemaIn(settings.schema()));
                List<DependentReader.Found> found = DependentReader.standing(c, m.source(), live, reach, ignored);
                if (rehearse && !reach.swaps().isEmpty()) {
                    // The contract played as start plays it, and rolled back.
                    DependentReader.read(c, m, settings, found, reach.swaps());
                }
            } else {
                schema = MigrationValidator.validate(m, schema);
            }
            checked.add(m.name());
        }
        return checked;
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

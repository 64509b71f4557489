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
     * The first one is checked as start would check it: on the newest active step's shape while
     * migrations are in flight, refused when it cannot be chained on them. With {@code rehearse},
     * its contract is also played and rolled back, as start does, holding the schema's Tuesday
     * lock so that no start or complete runs meanwhile.
     */
    public static List<String> validate(Connection c, Settings settings, List<Migration> migrations, boolean rehearse)
            throws SQLException {
        Set<String> applied = new HashSet<>();
        Set<String> versionSchemas = Set.of();
        List<Chain.Active> actives = List.of();
        if (stateExists(c, settings)) {
            StateStore state = new StateStore(c, settings.stateSchema(), settings.schema());
            state.history().stream().filter(r -> !r.status().equals(MigrationRecord.ROLLED_BACK))
                    .forEach(r -> applied.add(r.name()));
            versionSchemas = Engine.versionSchemas(state);
            actives = Chain.actives(state);
        }
        List<String> checked = new ArrayList<>();
        Schema schema = SchemaReader.read(c, settings.schema());
        for (Migration m : migrations) {
            if (applied.contains(m.name())) {
                continue;
            }
            if (checked.isEmpty()) {
                Schema live = actives.isEmpty() ? schema : Chain.startingShape(m, actives, schema, settings.schema());
                schema = MigrationValidator.validate(m, live, c);
                // What stands on the columns it replaces is looked at too (no lock, no change).
                Planners.Reach reach = Planners.reach(m, live, m.versionSchemaIn(settings.schema()));
                List<DependentReader.Found> found = DependentReader.standing(c, m.source(), live, reach, versionSchemas);
                if (rehearse && !reach.swaps().isEmpty()) {
                    // The contract played as start plays it, and rolled back.
                    try (TuesdayLock lock = TuesdayLock.acquire(c, settings.schema(), settings.waitForTuesdayLock(), settings)) {
                        DependentReader.read(c, m, settings, found, reach.swaps());
                    }
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

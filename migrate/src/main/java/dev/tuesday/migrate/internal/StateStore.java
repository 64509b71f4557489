package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.MigrationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state schema: table {@code migrations} (the history; the {@code active} rows of a schema are
 * its chain of migrations in flight, oldest first, each naming the one before it as its parent) and table {@code backfills} (progress per table of the active migration, updated in the
 * same transaction as each batch).
 */
public final class StateStore {

    private final Connection connection;
    private final String state;
    private final String schema;

    /** State in schema {@code stateSchema} about the migrations of {@code schema}. */
    public StateStore(Connection connection, String stateSchema, String schema) {
        this.connection = connection;
        this.state = Sql.ident(stateSchema);
        this.schema = schema;
    }

    /** Creates the state schema and its tables when missing. */
    public void init() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + state);
            s.execute("CREATE TABLE IF NOT EXISTS " + state + ".migrations ("
                    + " id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " schema text NOT NULL, name text NOT NULL, parent text, checksum text,"
                    + " operations jsonb NOT NULL, plan jsonb NOT NULL,"
                    + " status text NOT NULL CHECK (status IN ('active', 'complete', 'rolled_back')),"
                    + " phase text NOT NULL, version_schema text NOT NULL,"
                    + " started_at timestamptz NOT NULL, completed_at timestamptz)");
            dropOneActiveIndex(s);
            s.execute("CREATE UNIQUE INDEX IF NOT EXISTS migrations_applied_once ON " + state
                    + ".migrations (schema, name) WHERE status <> 'rolled_back'");
            addFileColumns(s);
            s.execute("CREATE TABLE IF NOT EXISTS " + state + ".backfills ("
                    + " migration_id bigint NOT NULL REFERENCES " + state + ".migrations (id) ON DELETE CASCADE,"
                    + " table_name text NOT NULL, last_key text[], batches bigint NOT NULL DEFAULT 0,"
                    + " rows bigint NOT NULL DEFAULT 0, estimated_rows bigint NOT NULL DEFAULT 0,"
                    + " done boolean NOT NULL DEFAULT false, updated_at timestamptz,"
                    + " PRIMARY KEY (migration_id, table_name))");
        }
        trusted();
    }

    /**
     * The migration's file (its name and text), kept since Tuesday writes files back
     * ({@code pull}); added to a history made before, once: the catalog is asked first, as an
     * {@code ALTER TABLE} would lock out the applications' readiness queries of this table even
     * when it has nothing to do.
     */
    private void addFileColumns(Statement s) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM pg_attribute"
                + " WHERE attrelid = (? || '.migrations')::regclass AND attname IN ('file_name', 'file_text')"
                + " AND NOT attisdropped")) {
            ps.setString(1, state);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 2) {
                    return;
                }
            }
        }
        s.execute("ALTER TABLE " + state + ".migrations ADD COLUMN IF NOT EXISTS file_name text,"
                + " ADD COLUMN IF NOT EXISTS file_text text");
    }

    /**
     * A history made before migrations could be chained has a unique index allowing one active
     * row per schema; it goes, once: the catalog is asked first, as {@code DROP INDEX} would lock
     * the table even when there is nothing to drop. A Tuesday from before chains makes the index
     * again when it starts, and fails there while two migrations are active: it cannot complete
     * the newest of a chain by mistake.
     */
    private void dropOneActiveIndex(Statement s) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM pg_class"
                + " WHERE oid = to_regclass(? || '.migrations_one_active')")) {
            ps.setString(1, state);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return;
                }
            }
        }
        s.execute("DROP INDEX IF EXISTS " + state + ".migrations_one_active");
    }

    /**
     * Refuses a state schema that a role this one is not a member of owns or may write to: the
     * plans stored there run as this role at complete and rollback, so whoever can change them
     * could run their SQL with its rights.
     */
    private void trusted() throws SQLException {
        String sql = """
                SELECT kind || ' ' || name || ' ' || why FROM (
                  SELECT 'schema' AS kind, quote_ident(n.nspname) AS name, n.nspowner AS owner, n.nspacl AS acl,
                         ARRAY['CREATE'] AS writes
                    FROM pg_namespace n WHERE n.nspname = ?
                  UNION ALL
                  SELECT 'table', quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.relowner, c.relacl,
                         ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'MAINTAIN']
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = ? AND c.relname IN ('migrations', 'backfills')
                ) o CROSS JOIN LATERAL (
                  SELECT 'is owned by role ' || quote_ident(pg_get_userbyid(o.owner)) AS why
                   WHERE NOT pg_has_role(current_user, o.owner, 'MEMBER')
                  UNION ALL
                  SELECT 'lets ' || CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee))
                         END || ' ' || a.privilege_type
                    FROM aclexplode(o.acl) a
                   WHERE a.privilege_type = ANY (o.writes)
                     AND (a.grantee = 0 OR NOT pg_has_role(current_user, a.grantee, 'MEMBER'))
                ) w LIMIT 1""";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            String stateSchema = state.substring(1, state.length() - 1).replace("\"\"", "\"");
            ps.setString(1, stateSchema);
            ps.setString(2, stateSchema);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new MigrationException("state " + rs.getString(1) + ": the migration plans stored there"
                            + " run with this role's rights, so only this role (or one it belongs to) may own or"
                            + " change them; revoke that, or use another --state-schema");
                }
            }
        }
    }

    /** The quoted state schema, for statements other classes run. */
    public String stateSchema() {
        return state;
    }

    /** The newest active migration of the schema (the top of its chain), if any. */
    public Optional<MigrationRecord> active() throws SQLException {
        return one("status = 'active'", null);
    }

    /** The active migrations of the schema, oldest first: each was started on the one before it. */
    public List<MigrationRecord> activeChain() throws SQLException {
        return query("status = 'active'", null, "id");
    }

    /** The oldest active migration of the schema (the one complete contracts), if any. */
    public Optional<MigrationRecord> oldestActive() throws SQLException {
        return activeChain().stream().findFirst();
    }

    /** The applied (active or complete) migration named {@code name}, if any. */
    public Optional<MigrationRecord> applied(String name) throws SQLException {
        return one("status <> 'rolled_back' AND name = ?", name);
    }

    /** The newest completed migration, if any. */
    public Optional<MigrationRecord> latestComplete() throws SQLException {
        return one("status = 'complete'", null);
    }

    /**
     * The newest migration whose version schema applications may use: a complete one, or an
     * active one whose start has finished (its version schema exists and every row is backfilled).
     */
    public Optional<MigrationRecord> latest() throws SQLException {
        return one("(status = 'complete' OR (status = 'active' AND phase IN ('" + MigrationRecord.STARTED + "', '"
                + MigrationRecord.CONTRACTED + "')))", null);
    }

    /** Every migration of the schema, oldest first. */
    public List<MigrationRecord> history() throws SQLException {
        return query("TRUE", null, "id");
    }

    /** Records the start of a migration, phase {@code expanding}; returns its id. */
    public long insert(String name, String parent, String checksum, String operationsJson, String planJson,
            String versionSchema, Instant startedAt, String fileName, String fileText) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + state + ".migrations"
                + " (schema, name, parent, checksum, operations, plan, status, phase, version_schema, started_at,"
                + " file_name, file_text)"
                + " VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, 'active', 'expanding', ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            ps.setString(3, parent);
            ps.setString(4, checksum);
            ps.setString(5, operationsJson);
            ps.setString(6, planJson);
            ps.setString(7, versionSchema);
            ps.setTimestamp(8, Timestamp.from(startedAt));
            ps.setString(9, fileName);
            ps.setString(10, fileText);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * One applied migration's file as the history keeps it.
     *
     * @param name     the migration's name
     * @param fileName the file's name, or null when the history does not have the file
     * @param text     the file's text, or null likewise
     */
    public record RecordedFile(String name, String fileName, String text) {
    }

    /** The files of the applied (active or complete) migrations, oldest first. */
    public List<RecordedFile> appliedFiles() throws SQLException {
        List<RecordedFile> files = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT name, to_jsonb(m) ->> 'file_name',"
                // Read through the row as JSON: a history an older Tuesday made has no file columns.
                + " to_jsonb(m) ->> 'file_text' FROM " + state + ".migrations m"
                + " WHERE schema = ? AND status <> 'rolled_back' ORDER BY id")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    files.add(new RecordedFile(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return files;
    }

    /** Moves the migration to {@code phase}. */
    public void setPhase(long id, String phase) throws SQLException {
        update("UPDATE " + state + ".migrations SET phase = ? WHERE id = ?", phase, id, null);
    }

    /** A statement that moves the migration to {@code phase}, to run inside another step's transaction. */
    public Step.Ddl setPhaseStep(long id, String phase) {
        return new Step.Ddl("record phase " + phase, "UPDATE " + state + ".migrations SET phase = "
                + Sql.literal(phase) + " WHERE id = " + id);
    }

    /** Ends the migration with {@code status} ({@code complete} or {@code rolled_back}) at {@code at}. */
    public void finish(long id, String status, Instant at) throws SQLException {
        update("UPDATE " + state + ".migrations SET status = ?, phase = 'done', completed_at = ? WHERE id = ?",
                status, id, at);
    }

    private void update(String sql, String value, long id, Instant at) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, value);
            if (at != null) {
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setLong(3, id);
            } else {
                ps.setLong(2, id);
            }
            ps.executeUpdate();
        }
    }

    private Optional<MigrationRecord> one(String where, String parameter) throws SQLException {
        List<MigrationRecord> rows = query(where, parameter, "id DESC LIMIT 1");
        return rows.stream().findFirst();
    }

    private List<MigrationRecord> query(String where, String parameter, String order) throws SQLException {
        String sql = "SELECT id, schema, name, parent, checksum, status, phase, version_schema, plan::text,"
                + " started_at, completed_at FROM " + state + ".migrations WHERE schema = ? AND " + where
                + " ORDER BY " + order;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            if (parameter != null) {
                ps.setString(2, parameter);
            }
            List<MigrationRecord> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp completed = rs.getTimestamp(11);
                    rows.add(new MigrationRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getTimestamp(10).toInstant(), completed == null ? null : completed.toInstant()));
                }
            }
            return rows;
        }
    }

    /** Progress rows of one migration's backfill. */
    public List<BackfillProgress> backfills(long migrationId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT table_name, last_key, batches, rows,"
                + " estimated_rows, done FROM " + state + ".backfills WHERE migration_id = ? ORDER BY table_name")) {
            ps.setLong(1, migrationId);
            List<BackfillProgress> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.sql.Array key = rs.getArray(2);
                    rows.add(new BackfillProgress(rs.getString(1),
                            key == null ? null : List.of((String[]) key.getArray()), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getBoolean(6)));
                }
            }
            return rows;
        }
    }
}

package dev.tuesday.health;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Which version schema ({@code search_path}) the application should use: the one named by the
 * environment variable {@code TUESDAY_SCHEMA}, else the newest one in Tuesday's state.
 *
 * <p>Tuesday names a version schema {@code <schema>_<migration>}, for example
 * {@code public_02_full_name}; the state table {@code <state schema>.migrations} records it for
 * every migration with its status ({@code active}, {@code complete} or {@code rolled_back}).
 */
public final class VersionSchema {

    /** The environment variable that names the version schema. */
    public static final String ENV = "TUESDAY_SCHEMA";

    /** Tuesday's default state schema. */
    public static final String DEFAULT_STATE_SCHEMA = "tuesday";

    private VersionSchema() {
    }

    /** {@code TUESDAY_SCHEMA} from the process environment, when set and not blank. */
    public static Optional<String> fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** {@code TUESDAY_SCHEMA} from {@code env}, when set and not blank. */
    public static Optional<String> fromEnvironment(Map<String, String> env) {
        return Optional.ofNullable(env.get(ENV)).map(String::strip).filter(s -> !s.isEmpty());
    }

    /**
     * The newest version schema of {@code schema} in Tuesday's state (schema {@code tuesday}):
     * that of the most recently started migration that is active or complete. Empty when there is
     * no state yet or no such migration.
     *
     * @throws SQLException when the database cannot be asked
     */
    public static Optional<String> latest(DataSource dataSource, String schema) throws SQLException {
        return latest(dataSource, schema, DEFAULT_STATE_SCHEMA);
    }

    /** As {@link #latest(DataSource, String)}, with Tuesday's state in {@code stateSchema}. */
    public static Optional<String> latest(DataSource dataSource, String schema, String stateSchema) throws SQLException {
        Objects.requireNonNull(schema, "schema");
        String sql = "SELECT version_schema FROM " + quote(stateSchema) + ".migrations"
                + " WHERE schema = ? AND status IN ('active', 'complete') ORDER BY started_at DESC LIMIT 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            // 42P01 undefined table, 3F000 undefined schema: Tuesday has not run here yet.
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code TUESDAY_SCHEMA} from {@code env}, else the newest version schema of {@code schema} in
     * Tuesday's state, else {@code fallback}.
     */
    public static String resolve(Map<String, String> env, DataSource dataSource, String schema, String fallback)
            throws SQLException {
        Optional<String> fromEnv = fromEnvironment(env);
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        return latest(dataSource, schema).orElse(fallback);
    }

    /**
     * The {@code application_name} for the connections of {@code application} on
     * {@code versionSchema}: the version schema first (in double quotes, doubled inside, when it
     * holds a space or a quote), then the name, so that PostgreSQL's cut at 63 bytes shortens the
     * name and never the schema. {@code tuesday migrate complete} (and {@code rollback}) reads it
     * in {@code pg_stat_activity} and refuses to drop a version schema while a session names it
     * ({@link #inApplicationName}).
     */
    public static String applicationName(String versionSchema, String application) {
        if (versionSchema == null || versionSchema.isEmpty()) {
            throw new IllegalArgumentException("the version schema for application_name must not be empty");
        }
        String word = versionSchema.indexOf(' ') < 0 && versionSchema.indexOf('"') < 0 ? versionSchema : quote(versionSchema);
        return application == null || application.isBlank() ? word : word + " " + application.strip();
    }

    /** The version schema an {@code application_name} made by {@link #applicationName} names: its first word. */
    public static Optional<String> inApplicationName(String applicationName) {
        if (applicationName == null || applicationName.isEmpty()) {
            return Optional.empty();
        }
        if (applicationName.charAt(0) != '"') {
            int space = applicationName.indexOf(' ');
            return Optional.of(space < 0 ? applicationName : applicationName.substring(0, space));
        }
        StringBuilder name = new StringBuilder();
        for (int i = 1; i < applicationName.length(); i++) {
            char ch = applicationName.charAt(i);
            if (ch == '"') {
                if (i + 1 < applicationName.length() && applicationName.charAt(i + 1) == '"') {
                    name.append('"');
                    i++;
                } else {
                    return Optional.of(name.toString()).filter(n -> !n.isEmpty());
                }
            } else {
                name.append(ch);
            }
        }
        return Optional.empty(); // cut before its closing quote: it names no schema for sure
    }

    /** {@code jdbcUrl} with {@code currentSchema} (the JDBC name of {@code search_path}) set to {@code versionSchema}. */
    public static String withSearchPath(String jdbcUrl, String versionSchema) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + URLEncoder.encode(versionSchema, StandardCharsets.UTF_8);
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}

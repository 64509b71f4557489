package dev.tuesday.lint;

import dev.tuesday.embedded.PostgresServer;
import dev.tuesday.lint.rules.FileContext;
import dev.tuesday.lint.rules.Rules;
import dev.tuesday.lint.scratch.ReplayException;
import dev.tuesday.lint.scratch.SchemaLoader;
import dev.tuesday.lint.scratch.ScratchDatabase;
import dev.tuesday.lint.sql.SqlScript;
import dev.tuesday.lint.sql.Statement;
import dev.tuesday.migrate.sql.SqlSyntaxException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lints migrations: every statement through every rule, and, unless told to use rules alone,
 * replayed on a scratch PostgreSQL to measure the locks it takes and whether it rewrites a table.
 *
 * <pre>{@code
 * LintReport report = Linter.configure().config(LintConfig.read(path)).load().lint(List.of(folder));
 * System.out.print(report.render(Format.HUMAN));
 * System.exit(report.exitCode());
 * }</pre>
 *
 * <p>The scratch database starts from the schema of {@code schemaFrom} or {@code url}; when a single
 * file is linted, the migrations before it in its folder are applied first, so its tables exist.
 * A configured Linter is immutable and can lint many times; each run uses a fresh database.
 */
public final class Linter {

    private final LintConfig config;
    private final boolean measure;
    private final PostgresServer server;
    private final Path schemaFrom;
    private final String url;
    private final String schemaSql;

    private Linter(Builder b) {
        this.schemaSql = b.schemaSql;
        this.config = b.config;
        this.measure = b.measure;
        this.server = b.server;
        this.schemaFrom = b.schemaFrom;
        this.url = b.url;
    }

    /** A builder with every default: all default rules, PostgreSQL 18, measured on a scratch database. */
    public static Builder configure() {
        return new Builder();
    }

    /**
     * Runs {@code tuesday lint} with {@code options}: prints the report to {@code out}, a one-line
     * error to {@code err} for bad input.
     *
     * @return the exit code: 0 clean, 1 a finding at or above fail-on, 2 bad input
     */
    public static int run(LintOptions options, PrintStream out, PrintStream err) {
        return run(options, null, out, err);
    }

    /**
     * As {@link #run(LintOptions, PrintStream, PrintStream)}, creating the scratch database on
     * {@code server} (left running); {@code null} starts a throw-away server when one is needed.
     */
    public static int run(LintOptions options, PostgresServer server, PrintStream out, PrintStream err) {
        try {
            LintConfig config = loadConfig(options.config());
            Severity failOn = options.failOn() == null ? config.failOn()
                    : LintConfig.parseFailOn(options.failOn(), "--fail-on");
            config = new LintConfig(config.postgresVersion(), failOn, config.assumeInTransaction(), config.severities());
            if (options.paths().isEmpty()) {
                throw new LintException("lint: give at least one migration file or folder");
            }
            LintReport report = configure().config(config).server(server).measure(!options.rulesOnly())
                    .schemaFrom(options.schemaFrom()).url(options.url()).load().lint(options.paths());
            out.print(report.render(options.format() == null ? Format.HUMAN : options.format()));
            out.flush();
            return report.exitCode();
        } catch (LintException e) {
            err.println("tuesday lint: " + e.getMessage());
            return 2;
        } catch (IllegalStateException | java.io.UncheckedIOException | dev.tuesday.migrate.MigrationException e) {
            // The scratch database could not be started or used: not the migration's fault, but one line still.
            err.println("tuesday lint: the scratch database failed: " + e.getMessage());
            return 2;
        }
    }

    private static LintConfig loadConfig(Path config) {
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new LintException("--config: " + config + ": no such file");
            }
            return LintConfig.read(config);
        }
        Path local = Path.of(LintConfig.FILE_NAME);
        return Files.isRegularFile(local) ? LintConfig.read(local) : LintConfig.defaults();
    }

    /**
     * Lints {@code paths} (files and folders), in order.
     *
     * @throws LintException when a path does not exist or the starting schema does not load
     */
    public LintReport lint(List<Path> paths) {
        List<Path> files = MigrationFiles.expand(paths);
        List<Finding> findings = new ArrayList<>();
        List<String> names = files.stream().map(Path::toString).toList();
        if (!measure) {
            for (Path f : files) {
                findings.addAll(lintFile(f, null, false));
            }
            return new LintReport(findings, names, config.failOn());
        }
        PostgresServer s = server != null ? server : scratchServer(config.postgresVersion());
        try (ScratchDatabase db = ScratchDatabase.create(s)) {
            SchemaLoader loader = new SchemaLoader(db);
            if (url != null) {
                loader.copyFrom(url);
            }
            if (schemaFrom != null) {
                if (files.isEmpty()) {
                    loader.applyPath(schemaFrom);
                } else {
                    loader.applyPathBefore(schemaFrom, files.get(0));
                }
            }
            if (schemaSql != null) {
                loader.applySql("schema", schemaSql);
            }
            if (schemaFrom == null && url == null && schemaSql == null && files.size() == 1 && paths.size() == 1
                    && Files.isRegularFile(paths.get(0))) {
                for (Path before : MigrationFiles.preceding(files.get(0))) {
                    loader.applyFile(before);
                }
            }
            boolean known = url != null || schemaFrom != null || schemaSql != null;
            if (!known && files.size() == 1 && paths.size() == 1 && Files.isRegularFile(paths.get(0))) {
                known = !MigrationFiles.preceding(files.get(0)).isEmpty();
            }
            for (Path f : files) {
                findings.addAll(lintFile(f, db, known));
                known = true; // the files before the next one built its schema
            }
        } finally {
            if (server == null) {
                s.close();
            }
        }
        return new LintReport(findings, names, config.failOn());
    }

    /** Lints SQL text as if it were file {@code name}. */
    public LintReport lintText(String name, String sql) {
        List<Finding> findings;
        if (!measure) {
            findings = lintSql(name, sql, null, false);
        } else {
            PostgresServer s = server != null ? server : scratchServer(config.postgresVersion());
            try (ScratchDatabase db = ScratchDatabase.create(s)) {
                SchemaLoader loader = new SchemaLoader(db);
                if (url != null) {
                    loader.copyFrom(url);
                }
                if (schemaFrom != null) {
                    loader.applyPath(schemaFrom);
                }
                if (schemaSql != null) {
                    loader.applySql("schema", schemaSql);
                }
                findings = lintSql(name, sql, db, url != null || schemaFrom != null || schemaSql != null);
            } finally {
                if (server == null) {
                    s.close();
                }
            }
        }
        return new LintReport(findings, List.of(name), config.failOn());
    }

    private List<Finding> lintFile(Path file, ScratchDatabase db, boolean knownSchema) {
        if (MigrationFiles.isOperations(file)) {
            List<Finding> found = OperationLint.lint(file, config, this);
            if (db != null) {
                // Later files need this migration's tables: run it as Tuesday would.
                new SchemaLoader(db).applyFile(file);
            }
            return found;
        }
        String sql;
        try {
            sql = Files.readString(file);
        } catch (MalformedInputException e) {
            throw new LintException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new LintException(file + ": cannot read: " + e.getMessage(), e);
        }
        return lintSql(file.toString(), sql, db, knownSchema);
    }

    /**
     * Lints SQL text; with {@code db}, replays it there. {@code knownSchema} says whether the scratch
     * database holds the schema the migration will really run on: then a statement it rejects
     * would fail for real ({@code migration-fails}); otherwise it only could not be measured.
     */
    List<Finding> lintSql(String name, String sql, ScratchDatabase db, boolean knownSchema) {
        SqlScript script;
        FileContext ctx;
        try {
            script = SqlScript.parse(name, sql, config.assumeInTransaction());
        } catch (SqlSyntaxException e) {
            ctx = new FileContext(name, config.postgresVersion(), config.severities(), java.util.Map.of());
            ctx.reportAt(Rules.SYNTAX_ERROR, e.line(), e.getMessage(), "fix the SQL; nothing after this point was linted");
            return ctx.findings();
        }
        ctx = new FileContext(name, config.postgresVersion(), config.severities(), script.fileIgnores());
        Rules.checkDirectives(script, ctx);
        for (Statement s : script.statements()) {
            String unknown = Rules.unknownCommand(s);
            if (unknown != null) {
                ctx.measured(null);
                ctx.report(Rules.SYNTAX_ERROR, s, s.line(), unknown, "fix the SQL");
                continue;
            }
            Measurement m = null;
            if (db != null) {
                try {
                    m = db.replay(s);
                } catch (ReplayException e) {
                    ctx.measured(null);
                    if (e.isSyntaxError()) {
                        ctx.report(Rules.SYNTAX_ERROR, s, lineAt(s, e.position()), e.getMessage(), "fix the SQL");
                        continue;
                    }
                    if (knownSchema) {
                        ctx.report(Rules.MIGRATION_FAILS, s, s.line(), "the migration fails here on a copy of its "
                                + "schema: " + e.getMessage(), "fix the statement; it would fail the deploy");
                    } else {
                        ctx.report(Rules.REPLAY_FAILED, s, s.line(), "the scratch database rejected the statement ("
                                + e.getMessage() + "), so its locks and rewrites were not measured",
                                "give lint the schema the migration runs on: --schema-from or --url");
                    }
                    m = Measurement.notMeasured("rejected by the scratch database: " + e.getMessage());
                }
            }
            ctx.measured(m);
            Rules.check(s, ctx);
        }
        Rules.finish(script.statements(), ctx);
        return ctx.findings();
    }

    /**
     * A throw-away server of the target major version when Tuesday carries its binaries (13, 14),
     * else the bundled newest one: lock modes and rewrites rarely differ between versions, syntax does.
     */
    static PostgresServer scratchServer(int major) {
        if (major == 13 || major == 14) {
            try {
                return PostgresServer.temporary(major);
            } catch (IllegalStateException e) {
                // Those binaries are not installed here; the bundled server still measures.
            }
        }
        return PostgresServer.temporary(0);
    }

    private static int lineAt(Statement s, int position) {
        if (position <= 0 || position > s.text().length()) {
            return s.line();
        }
        return s.line() + (int) s.text().substring(0, position - 1).chars().filter(c -> c == '\n').count();
    }

    /** The configuration this linter applies. */
    public LintConfig config() {
        return config;
    }

    /** Builds a {@link Linter}; every setter's default is stated on it. */
    public static final class Builder {
        private LintConfig config = LintConfig.defaults();
        private boolean measure = true;
        private PostgresServer server;
        private Path schemaFrom;
        private String url;
        private String schemaSql;

        private Builder() {}

        /** SQL that builds the starting schema, applied after {@link #schemaFrom}. Default: none. */
        public Builder schemaSql(String sql) {
            this.schemaSql = sql;
            return this;
        }

        /** Rules, severities and target version. Default: {@link LintConfig#defaults()}. */
        public Builder config(LintConfig config) {
            this.config = config;
            return this;
        }

        /** Whether to replay on a scratch database (default true); false lints on rules alone. */
        public Builder measure(boolean measure) {
            this.measure = measure;
            return this;
        }

        /**
         * The PostgreSQL server to create scratch databases on, left running. Default: a throw-away
         * server started for each {@link #lint} call and stopped after it.
         */
        public Builder server(PostgresServer server) {
            this.server = server;
            return this;
        }

        /** A SQL file or a folder of migrations building the starting schema. Default: none. */
        public Builder schemaFrom(Path schemaFrom) {
            this.schemaFrom = schemaFrom;
            return this;
        }

        /** A JDBC URL whose live schema is copied as the starting schema. Default: none. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /**
         * The linter.
         *
         * @throws LintException when a path given does not exist
         */
        public Linter load() {
            if (schemaFrom != null && !Files.exists(schemaFrom)) {
                throw new LintException("--schema-from: " + schemaFrom + ": no such file or folder");
            }
            Set<String> unknown = new LinkedHashSet<>(config.severities().keySet());
            unknown.removeIf(id -> Rules.byId(id) != null);
            if (!unknown.isEmpty()) {
                throw new LintException("configuration: unknown rules " + unknown);
            }
            return new Linter(this);
        }
    }
}

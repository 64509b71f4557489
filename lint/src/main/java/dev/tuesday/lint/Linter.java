package dev.tuesday.lint;

import dev.tuesday.embedded.PostgresServer;
import dev.tuesday.lint.rules.FileContext;
import dev.tuesday.lint.rules.Rules;
import dev.tuesday.lint.scratch.ReplayException;
import dev.tuesday.lint.scratch.ScratchDatabase;
import dev.tuesday.lint.scratch.ScratchSession;
import dev.tuesday.lint.sql.SqlScript;
import dev.tuesday.lint.sql.Statement;
import dev.tuesday.migrate.sql.SqlSyntaxException;
import java.io.IOException;
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
 * LintReport report = Linter.configure().config(LintConfig.read(path)).build().lint(List.of(folder));
 * System.out.print(Renderers.render(report, Format.HUMAN));
 * boolean failed = report.failed();
 * }</pre>
 *
 * <p>The scratch database starts from the {@link StartingSchema}; when a single
 * file is linted, the migrations before it in its folder are applied first, so its tables exist.
 * A configured Linter is immutable and can lint many times; each run uses a fresh database.
 */
public final class Linter {

    private final LintConfig config;
    private final boolean measure;
    private final PostgresServer server;
    private final StartingSchema start;

    private Linter(Builder b) {
        this.config = b.config;
        this.measure = b.measure;
        this.server = b.server;
        this.start = b.start;
    }

    /** A builder with every default: all default rules, PostgreSQL 18, measured on a scratch database. */
    public static Builder configure() {
        return new Builder();
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
        boolean singleFile = files.size() == 1 && paths.size() == 1 && Files.isRegularFile(paths.get(0));
        try (ScratchSession scratch = ScratchSession.open(server, config.postgresVersion(), start,
                files.isEmpty() ? null : files.get(0))) {
            boolean known = start.given();
            if (!known && singleFile) {
                // A file of a folder meets the schema the migrations before it build.
                List<Path> before = MigrationFiles.preceding(files.get(0));
                before.forEach(scratch.loader()::applyFile);
                known = !before.isEmpty();
            }
            for (Path f : files) {
                findings.addAll(lintFile(f, scratch, known));
                known = true; // the files before the next one built its schema
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
            try (ScratchSession scratch = ScratchSession.open(server, config.postgresVersion(), start, null)) {
                findings = lintSql(name, sql, scratch.db(), start.given());
            }
        }
        return new LintReport(findings, List.of(name), config.failOn());
    }

    private List<Finding> lintFile(Path file, ScratchSession scratch, boolean knownSchema) {
        if (MigrationFiles.isOperations(file)) {
            List<Finding> found = OperationLint.lint(file, config, this);
            if (scratch != null) {
                // Later files need this migration's tables: run it as Tuesday would.
                scratch.loader().applyFile(file);
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
        return lintSql(file.toString(), sql, scratch == null ? null : scratch.db(), knownSchema);
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
    public static final class Builder extends ScratchBuilder<Builder> {
        private LintConfig config = LintConfig.defaults();
        private boolean measure = true;

        private Builder() {}

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
         * The linter.
         *
         * @throws LintException when the configuration names an unknown rule
         */
        public Linter build() {
            Set<String> unknown = new LinkedHashSet<>(config.severities().keySet());
            unknown.removeIf(id -> Rules.byId(id) != null);
            if (!unknown.isEmpty()) {
                throw new LintException("configuration: unknown rules " + unknown);
            }
            return new Linter(this);
        }
    }
}

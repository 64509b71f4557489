package dev.tuesday.cli;

import dev.tuesday.migrate.FolderRun;
import dev.tuesday.migrate.MigrationStatus;
import dev.tuesday.migrate.Pulled;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.Started;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tuesday migrate}: expand/contract migrations in pgroll's file format. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Expand/contract schema migrations (pgroll's YAML/JSON format) that running code survives.")
final class MigrateCli {

    /**
     * Runs {@code run} with a migrator on the database the options name (see
     * {@link DatabaseOptions}), closing what was opened for it.
     */
    abstract static class OnDatabase extends PrintingCommand {
        @Mixin
        MigrateOptions options;

        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() throws Exception {
            try (Database db = database.open()) {
                run(options.migrator(db.dataSource(), err(), this::configure), db);
            }
            return 0;
        }

        abstract void run(Migrator migrator, Database db) throws Exception;

        /** Adds this command's own settings. */
        void configure(Migrator.Builder builder) {
        }
    }

    /** A command that drops a version schema: refused while sessions of it are connected, unless forced. */
    abstract static class DroppingVersions extends OnDatabase {
        @Option(names = "--force", description = "Drop the old (or, for rollback, the new) version schema even while"
                + " applications still use it: they announce it in application_name, and by default the command"
                + " waits --version-in-use-wait for them to go, then refuses, naming them.")
        boolean force;

        @Override
        void configure(Migrator.Builder builder) {
            builder.dropVersionInUse(force);
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Create Tuesday's state schema (the other commands do it too).")
    static final class Init extends OnDatabase {
        @Override
        void run(Migrator m, Database db) {
            m.init();
            out().println("state schema \"" + options.stateSchema + "\" ready");
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Expand: apply FILE beside the current shape; old and new versions both keep working.")
    static final class Start extends DroppingVersions {
        @Parameters(paramLabel = "FILE", description = "Migration file (.yaml, .yml or .json).")
        Path file;

        @Option(names = "--complete", description = "Complete right after starting (when no old version runs).")
        boolean complete;

        @Override
        void run(Migrator m, Database db) {
            Started started = m.start(file, complete);
            out().println(complete ? started.migration() + " applied and completed"
                    : started.migration() + " started; new version schema: " + started.versionSchema());
        }
    }

    @Command(name = "complete", mixinStandardHelpOptions = true,
            description = "Contract: finish the active migration (the oldest, when several are in flight) once no"
                    + " older version runs.")
    static final class Complete extends DroppingVersions {
        @Option(names = "--all", description = "Complete every active migration, oldest first (when only the newest"
                + " version runs).")
        boolean all;

        @Override
        void run(Migrator m, Database db) {
            if (all) {
                out().println("completed: " + String.join(", ", m.completeAll()));
                return;
            }
            m.complete();
            out().println("completed");
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Undo the active start (the newest, when several are in flight); the old shape keeps every"
                    + " row written meanwhile.")
    static final class Rollback extends DroppingVersions {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "The migration meant: refused unless it is the"
                + " newest in flight, nothing done when it is already rolled back (safe to run again after a kill).")
        String name;

        @Override
        void run(Migrator m, Database db) {
            if (name == null) {
                m.rollback();
                out().println("rolled back");
            } else {
                out().println(m.rollback(name) ? "rolled back " + name : name + " was already rolled back: nothing to do");
            }
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Apply the pending migrations of DIR in file-name order, as a deploy does: the active one is"
                    + " completed, each pending one started, each but the last completed; the last stays active for the"
                    + " version that runs now, until the next deploy (or --complete).")
    static final class Apply extends DroppingVersions {
        @Parameters(paramLabel = "DIR", description = "Folder of migration files.")
        Path dir;

        @Option(names = "--complete", description = "Complete the last migration too (when no version older than it runs).")
        boolean complete;

        @Option(names = "--expect-one", description = "Refuse, before any change, unless exactly one migration is pending.")
        boolean expectOne;

        @Override
        void run(Migrator m, Database db) {
            List<String> applied = m.migrate(dir, new FolderRun(complete, expectOne));
            out().println(applied.isEmpty() ? "nothing to apply" : "applied: " + String.join(", ", applied));
            m.status().active().ifPresent(a -> out().println(a.name() + " is active (version schema " + a.versionSchema()
                    + "): complete it once no older version runs"));
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "The active migration, its phase and backfill progress, and the history.")
    static final class Status extends OnDatabase {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        void run(Migrator m, Database db) throws Exception {
            MigrationStatus status = m.status();
            if (json) {
                out().println(StatusText.json(status));
            } else {
                StatusText.print(status, out());
            }
        }
    }

    @Command(name = "analyze", mixinStandardHelpOptions = true,
            description = "Print the schema as Tuesday reads it, as JSON: tables, columns with what stands on each"
                    + " (indexes, constraints, views, other tables' foreign keys, ...), indexes and constraints.")
    static final class Analyze extends OnDatabase {
        @Override
        void run(Migrator m, Database db) throws Exception {
            out().println(SchemaJson.json(m.schema()));
        }
    }

    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = "Write into DIR the file of each applied migration the folder lacks, byte for byte as it was"
                    + " started (a teammate's migration, to check in); never overwrites a file.")
    static final class Pull extends OnDatabase {
        @Parameters(paramLabel = "DIR", description = "Folder of migration files (created if missing).")
        Path dir;

        @Override
        void run(Migrator m, Database db) {
            Pulled pulled = m.pull(dir);
            pulled.written().forEach(file -> out().println("wrote " + file));
            pulled.withoutFile().forEach(name -> out().println("not written: " + name + " (the history does not hold its"
                    + " file: it was started by a Tuesday that did not keep files)"));
            if (pulled.written().isEmpty() && pulled.withoutFile().isEmpty()) {
                out().println("nothing to pull: " + dir + " has every applied migration");
            }
        }
    }

    @Command(name = "baseline", mixinStandardHelpOptions = true,
            description = "Adopt a database that grew without Tuesday: write DIR/NAME.yaml, holding the schema's DDL as"
                    + " pg_dump writes it (for an empty database built from the files), and record it here as applied"
                    + " without running it; `migrate DIR` then applies only what comes after it. Needs pg_dump as new as"
                    + " the server (TUESDAY_PG_DUMP names it).")
    static final class Baseline extends OnDatabase {
        @Parameters(index = "0", paramLabel = "NAME", description = "The baseline migration's name, e.g. 01_baseline.")
        String name;

        @Parameters(index = "1", paramLabel = "DIR", description = "Folder of migration files (created if missing).")
        Path dir;

        @Override
        void run(Migrator m, Database db) throws Exception {
            Path file = m.baseline(name, dir, PgDump.schemaSql(db, options.schema, System.getenv()));
            out().println("wrote " + file + "; " + name + " is recorded as applied to schema \"" + options.schema
                    + "\" (version schema " + m.latestVersionSchema().orElse("-") + "), not run");
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a migration file, or every pending file of a folder, against the live schema;"
                    + " changes nothing.")
    static final class Validate extends OnDatabase {
        @Parameters(paramLabel = "FILE|DIR", description = "Migration file or folder.")
        Path path;

        @Option(names = "--rehearse", description = "Also play the first pending migration's contract on columns of the"
                + " new types, as start does, and roll it back: a view or constraint that would not take a new type is"
                + " refused now. Holds the schema's Tuesday lock, and locks each table whose columns are replaced for"
                + " milliseconds (each attempt waits at most --lock-timeout, retried as a DDL step is).")
        boolean rehearse;

        @Override
        void run(Migrator m, Database db) {
            List<String> checked = m.validate(path, rehearse);
            out().println(checked.isEmpty() ? path + ": nothing pending to check"
                    : "valid: " + String.join(", ", checked));
        }
    }
}

package dev.tuesday.cli;

import dev.tuesday.migrate.MigrationStatus;
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
        description = "Expand/contract schema migrations (pgroll's YAML/JSON format) that running code survives.",
        subcommands = {MigrateCli.Init.class, MigrateCli.Start.class, MigrateCli.Complete.class,
                MigrateCli.Rollback.class, MigrateCli.Apply.class, MigrateCli.Status.class,
                MigrateCli.Latest.class, MigrateCli.Validate.class, MigrateCreate.class, MigrateConvert.class})
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
                run(options.migrator(db.dataSource(), err()), db);
            }
            return 0;
        }

        abstract void run(Migrator migrator, Database db) throws Exception;
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
    static final class Start extends OnDatabase {
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
            description = "Contract: finish the active migration once no old version runs.")
    static final class Complete extends OnDatabase {
        @Override
        void run(Migrator m, Database db) {
            m.complete();
            out().println("completed");
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Undo the active start; the old shape keeps every row written meanwhile.")
    static final class Rollback extends OnDatabase {
        @Override
        void run(Migrator m, Database db) {
            m.rollback();
            out().println("rolled back");
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Apply every pending migration of DIR in file-name order, each started and completed.")
    static final class Apply extends OnDatabase {
        @Parameters(paramLabel = "DIR", description = "Folder of migration files.")
        Path dir;

        @Override
        void run(Migrator m, Database db) {
            List<String> applied = m.migrate(dir);
            out().println(applied.isEmpty() ? "nothing to apply" : "applied: " + String.join(", ", applied));
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

    @Command(name = "latest", mixinStandardHelpOptions = true,
            description = "The newest version schema, or with --url (alone) a JDBC URL that selects it, its password"
                    + " hidden (the database then comes from --url-file, TUESDAY_DATABASE_URL or the embedded default;"
                    + " --url=URL names it).")
    static final class Latest extends OnDatabase {
        @Override
        void run(Migrator m, Database db) {
            String schema = m.latestVersionSchema().orElseThrow(() -> new IllegalStateException(
                    "no version schema yet: start a migration first"));
            if (database.urlFlagAlone()) {
                String url = db.printableUrl();
                out().println(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            } else {
                out().println(schema);
            }
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a migration file, or every pending file of a folder, against the live schema;"
                    + " changes nothing.")
    static final class Validate extends OnDatabase {
        @Parameters(paramLabel = "FILE|DIR", description = "Migration file or folder.")
        Path path;

        @Override
        void run(Migrator m, Database db) {
            List<String> checked = m.validate(path);
            out().println(checked.isEmpty() ? path + ": nothing pending to check"
                    : "valid: " + String.join(", ", checked));
        }
    }
}

package dev.tuesday.cli;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.Migrator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** One answer, from the database or, with {@code --local DIR}, from the last migration file of DIR. */
abstract class LatestAnswer extends PrintingCommand {
    @Mixin
    MigrateOptions options;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--local", paramLabel = "DIR",
            description = "Answer from the migration files of DIR (the last in file-name order), without the database.")
    Path local;

    @Override
    public Integer call() throws Exception {
        if (local != null) {
            List<Migration> migrations = MigrationFile.readAll(local);
            if (migrations.isEmpty()) {
                throw new IllegalArgumentException("no migration file in " + local);
            }
            out().println(local(migrations.get(migrations.size() - 1)));
            return 0;
        }
        try (Database db = database.open()) {
            out().println(answer(options.migrator(db.dataSource(), err()), db));
        }
        return 0;
    }

    abstract String answer(Migrator m, Database db);

    abstract String local(Migration last);

    String localUrl() {
        return database.printableUrl(System.getenv()).orElseThrow(() -> new IllegalArgumentException(
                "--local names no database: give --url, --url-file or TUESDAY_DATABASE_URL for the URL"));
    }

    static String schema(Migrator m) {
        return m.latestVersionSchema().orElseThrow(() -> new IllegalStateException(
                "no version schema yet: start a migration first"));
    }

    static String url(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + URLEncoder.encode(schema, StandardCharsets.UTF_8);
    }
}

package dev.tuesday.cli;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.Migrator;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code tuesday migrate latest [schema|url|migration] [--local DIR]}: the newest version schema,
 * a JDBC URL that selects it, or the newest migration's name — from the database, or with
 * {@code --local} from a folder of migration files alone, for a deploy script that runs before
 * the database can be reached.
 */
@Command(name = "latest", mixinStandardHelpOptions = true,
        description = "The newest version schema, or with --url (alone) a JDBC URL that selects it, its password"
                + " hidden (the database then comes from --url-file, TUESDAY_DATABASE_URL or the embedded default;"
                + " --url=URL names it). `latest schema|url|migration [--local DIR]` answer one of them each,"
                + " from the database or from the migration files of DIR alone.")
final class MigrateLatest extends LatestAnswer {

    @Override
    String answer(Migrator m, Database db) {
        return database.urlFlagAlone() ? url(db.printableUrl(), schema(m)) : schema(m);
    }

    @Override
    String local(Migration last) {
        return database.urlFlagAlone() ? url(localUrl(), last.versionSchemaIn(options.schema)) : last.versionSchemaIn(options.schema);
    }

    @Command(name = "schema", mixinStandardHelpOptions = true, description = "The newest version schema.")
    static final class Schema extends LatestAnswer {
        @Override
        String answer(Migrator m, Database db) {
            return schema(m);
        }

        @Override
        String local(Migration last) {
            return last.versionSchemaIn(options.schema);
        }
    }

    @Command(name = "url", mixinStandardHelpOptions = true,
            description = "A JDBC URL that selects the newest version schema, its password hidden.")
    static final class Url extends LatestAnswer {
        @Override
        String answer(Migrator m, Database db) {
            return url(db.printableUrl(), schema(m));
        }

        @Override
        String local(Migration last) {
            return url(localUrl(), last.versionSchemaIn(options.schema));
        }
    }

    @Command(name = "migration", mixinStandardHelpOptions = true,
            description = "The name of the newest migration: the one whose version schema `latest schema` names.")
    static final class Name extends LatestAnswer {
        @Override
        String answer(Migrator m, Database db) {
            Optional<String> name = m.latestMigration();
            return name.orElseThrow(() -> new IllegalStateException("no migration yet: start one first"));
        }

        @Override
        String local(Migration last) {
            return last.name();
        }
    }
}

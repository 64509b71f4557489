package dev.tuesday.cli;

import picocli.CommandLine.Option;

/** {@code --url}, shared by every command that talks to the database. */
final class DatabaseOptions {

    @Option(names = "--url", defaultValue = "${env:TUESDAY_DATABASE_URL}",
            description = "JDBC (jdbc:postgresql://…) or postgres:// URL of the database"
                    + " (env TUESDAY_DATABASE_URL). Default: the embedded PostgreSQL in .tuesday/postgres.")
    String url;

    Database open() {
        return Database.open(url);
    }
}

package dev.tuesday.cli;

import dev.tuesday.embedded.PostgresServer;
import picocli.CommandLine.Command;

/** {@code tuesday db}: keeps the embedded PostgreSQL running in the background. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Run the embedded PostgreSQL (data in .tuesday/postgres) in the background.")
final class DbCli {

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start it (creating it on first use).")
    static final class Start extends PrintingCommand {
        @Override
        public Integer call() {
            PostgresServer server = EmbeddedDefault.start();
            out().println("running on 127.0.0.1:" + server.port() + " — "
                    + DatabaseUrl.redact(EmbeddedDefault.jdbcUrl(server)) + " (tuesday db url prints it with its password)");
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop it (data is kept).")
    static final class Stop extends PrintingCommand {
        @Override
        public Integer call() {
            var running = EmbeddedDefault.running();
            if (running.isEmpty()) {
                out().println("not running");
                return 0;
            }
            running.get().stop();
            out().println("stopped");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Say whether it runs; exit 0 when it does, 1 when it does not.")
    static final class Status extends PrintingCommand {
        @Override
        public Integer call() {
            var running = EmbeddedDefault.running();
            out().println(running
                    .map(s -> "running on 127.0.0.1:" + s.port() + ", data in " + s.dataDir())
                    .orElse("not running (data in " + EmbeddedDefault.dataDir() + ")"));
            return running.isPresent() ? 0 : Tuesday.FAILURE;
        }
    }

    @Command(name = "url", mixinStandardHelpOptions = true,
            description = "Print its JDBC URL for applications, with the password of role tuesday (it must be running).")
    static final class Url extends PrintingCommand {
        @Override
        public Integer call() {
            var running = EmbeddedDefault.running()
                    .orElseThrow(() -> new IllegalStateException("the embedded PostgreSQL is not running: tuesday db start"));
            out().println(EmbeddedDefault.jdbcUrl(running));
            return 0;
        }
    }
}

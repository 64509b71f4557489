package dev.tuesday.cli;

import dev.tuesday.embedded.PostgresServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tuesday db}: keeps the embedded PostgreSQL running in the background. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Run the embedded PostgreSQL (data in .tuesday/postgres) in the background.",
        subcommands = {DbCli.Start.class, DbCli.Stop.class, DbCli.Status.class, DbCli.Url.class})
final class DbCli {

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start it (creating it on first use).")
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PostgresServer server = EmbeddedDefault.start();
            spec.commandLine().getOut().println("running on 127.0.0.1:" + server.port() + " — "
                    + DatabaseUrl.redact(EmbeddedDefault.jdbcUrl(server)) + " (tuesday db url prints it with its password)");
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop it (data is kept).")
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var running = EmbeddedDefault.running();
            if (running.isEmpty()) {
                spec.commandLine().getOut().println("not running");
                return 0;
            }
            running.get().stop();
            spec.commandLine().getOut().println("stopped");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Say whether it runs; exit 0 when it does, 1 when it does not.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var running = EmbeddedDefault.running();
            spec.commandLine().getOut().println(running
                    .map(s -> "running on 127.0.0.1:" + s.port() + ", data in " + s.dataDir())
                    .orElse("not running (data in " + EmbeddedDefault.dataDir() + ")"));
            return running.isPresent() ? 0 : Tuesday.FAILURE;
        }
    }

    @Command(name = "url", mixinStandardHelpOptions = true,
            description = "Print its JDBC URL for applications, with the password of role tuesday (it must be running).")
    static final class Url implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var running = EmbeddedDefault.running()
                    .orElseThrow(() -> new IllegalStateException("the embedded PostgreSQL is not running: tuesday db start"));
            spec.commandLine().getOut().println(EmbeddedDefault.jdbcUrl(running));
            return 0;
        }
    }
}

package dev.tuesday.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A users-service process started the naive way: a fixed port, no readiness gate, killed with
 * SIGKILL (no drain) when it is replaced.
 */
final class ServiceProcess {

    private final Process process;
    private final int port;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServiceProcess start(DemoFiles files, int port, Map<String, String> env, Path log) {
        ProcessBuilder pb = new ProcessBuilder(List.of(DemoFiles.javaBinary(), "-Xmx128m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", files.serviceJar().toString()));
        pb.environment().putAll(env);
        pb.environment().put("PORT", Integer.toString(port));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            return new ServiceProcess(pb.start(), port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start users-service: " + e.getMessage(), e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    /** SIGKILL: requests in flight are cut, as in a restart that does not drain. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

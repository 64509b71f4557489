package dev.tuesday.release;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The system's {@code haproxy} run by a test in the foreground: a frontend on a free loopback
 * port, an empty backend {@code app} with HTTP checks on {@code /readyz}, and the runtime API on
 * {@code <dir>/admin.sock} at the admin level — the setup release/README.md describes.
 *
 * @param process haproxy itself, in the foreground
 * @param socket its runtime API
 * @param uri the frontend, where clients send their requests
 */
record HaproxyProcess(Process process, Path socket, URI uri) implements AutoCloseable {

    /** The {@code haproxy} binary on the PATH or in /usr/sbin, if installed. */
    static Optional<Path> binary() {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin";
        return Stream.of(path.split(":")).filter(d -> !d.isEmpty()).map(d -> Path.of(d, "haproxy"))
                .filter(Files::isExecutable).findFirst();
    }

    static HaproxyProcess start(Path dir) throws IOException, InterruptedException {
        Path binary = binary().orElseThrow(() -> new IllegalStateException("haproxy is not installed"));
        Files.createDirectories(dir);
        Path socket = dir.resolve("admin.sock");
        int port = freePort();
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, """
                global
                    stats socket %s mode 600 level admin
                    maxconn 2000
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 30s
                    timeout server 30s
                    retries 3
                    option redispatch
                    retry-on conn-failure empty-response
                frontend web
                    bind 127.0.0.1:%d
                    default_backend app
                backend app
                    balance roundrobin
                    option httpchk GET /readyz
                """.formatted(socket, port));
        Process process = new ProcessBuilder(List.of(binary.toString(), "-db", "-f", config.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(socket)) {
            if (!process.isAlive() || System.nanoTime() > until) {
                process.destroyForcibly();
                throw new IllegalStateException("haproxy did not start: " + Files.readString(dir.resolve("haproxy.log")));
            }
            Thread.sleep(50);
        }
        return new HaproxyProcess(process, socket, URI.create("http://127.0.0.1:" + port));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Kills HAProxy at once (SIGKILL) and waits for its end. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.tuesday.balancer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A {@link TestBackend} in its own JVM, so that a test can kill it with SIGKILL. */
final class BackendProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private BackendProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static BackendProcess start(String name) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classes = Path.of(TestBackend.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", classes,
                TestBackend.class.getName(), name))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (Exception e) {
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        if (line == null || !line.startsWith("PORT ")) {
            process.destroyForcibly();
            throw new IllegalStateException("backend " + name + " did not start: " + line);
        }
        return new BackendProcess(process, Integer.parseInt(line.substring(5).trim()));
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Sends SIGKILL: the process gets no chance to finish anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}

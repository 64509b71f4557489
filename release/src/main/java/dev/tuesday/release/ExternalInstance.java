package dev.tuesday.release;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An instance this process did not start — an old instance found in the balancer, for example one
 * a previous {@code tuesday release} left running. It is stopped through the process listening on
 * its port (SIGTERM, then SIGKILL after the grace period); when no such process can be found on
 * this machine, {@link #stop} leaves it alone and says so.
 */
final class ExternalInstance implements Instance {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String id;
    private final String version;
    private final URI uri;
    private final ReadinessProbe readiness;
    private volatile boolean stopped;

    ExternalInstance(String id, String version, URI uri, String readinessPath) {
        this.id = id;
        this.version = version;
        this.uri = uri;
        this.readiness = ReadinessProbe.of(HTTP, uri, readinessPath);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public boolean probeReady() {
        return readiness.passes();
    }

    @Override
    public OptionalInt exitCode() {
        // Not our child: its exit code is unknown; "stopped" is reported as 0.
        return stopped ? OptionalInt.of(0) : OptionalInt.empty();
    }

    @Override
    public void stop(Duration grace) {
        Optional<ProcessHandle> process = ListeningProcess.find(uri.getPort());
        if (process.isEmpty()) {
            throw new ReleaseException("cannot stop " + id + ": no process of this user listens on port " + uri.getPort()
                    + " of this machine; it is out of rotation, stop it by hand");
        }
        ProcessHandle handle = process.get();
        CompletableFuture<ProcessHandle> exit = handle.onExit();
        handle.destroy();
        try {
            exit.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            handle.destroyForcibly();
        } catch (ExecutionException e) {
            throw new ReleaseException("cannot stop " + id + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        }
        stopped = true;
    }
}

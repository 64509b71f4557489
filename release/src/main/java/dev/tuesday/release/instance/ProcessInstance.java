package dev.tuesday.release.instance;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** An instance running as a child process of this JVM. */
final class ProcessInstance extends AbstractInstance {

    private final Process process;
    private final ReadinessProbe readiness;
    private final Optional<ProcessIdentity> identity;

    ProcessInstance(String id, String version, int port, Process process, HttpClient http, String readinessPath) {
        super(id, version, URI.create("http://127.0.0.1:" + port));
        this.process = process;
        this.readiness = ReadinessProbe.of(http, uri(), readinessPath);
        this.identity = ProcessIdentity.of(process.toHandle());
    }

    @Override
    public Optional<ProcessIdentity> process() {
        return identity;
    }

    @Override
    public boolean probeReady() {
        // A dead process is not ready, whatever may answer on its port.
        return process.isAlive() && readiness.passes();
    }

    @Override
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    @Override
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: the instance drains and exits on its own
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly(); // SIGKILL after the grace period
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return id() + " (" + version() + ", pid " + process.pid() + ", " + uri() + ")";
    }
}

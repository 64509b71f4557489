package dev.tuesday.release.instance;

import dev.tuesday.release.ReleaseException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An instance this process did not start, known from the state file: an old instance a previous
 * release left serving, or an instance of a release that died. A release recorded its process
 * (PID and start time) when it launched it; {@link #stop} signals that process and no other —
 * never whatever happens to listen on its port now — and only when its address is on this
 * machine's loopback.
 */
public final class RecordedInstance extends AbstractInstance {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final ProcessIdentity process;
    private final ReadinessProbe readiness;
    private volatile boolean stopped;

    /**
     * @param id            its id, as the release recorded it
     * @param version       the version it runs
     * @param uri           its base address
     * @param process       the process a release recorded for it
     * @param readinessPath its readiness endpoint's path
     */
    public RecordedInstance(String id, String version, URI uri, ProcessIdentity process, String readinessPath) {
        super(id, version, uri);
        this.process = process;
        this.readiness = ReadinessProbe.of(HTTP, uri, readinessPath);
    }

    /** Whether {@code uri}'s host is a loopback address of this machine. */
    public static boolean onLoopback(URI uri) {
        if (uri.getHost() == null) {
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public Optional<ProcessIdentity> process() {
        return Optional.of(process);
    }

    @Override
    public boolean probeReady() {
        return process.alive() && readiness.passes();
    }

    @Override
    public OptionalInt exitCode() {
        // Not our child: its exit code is unknown. Stopped by us is 0; ended otherwise is -1.
        if (stopped) {
            return OptionalInt.of(0);
        }
        return process.alive() ? OptionalInt.empty() : OptionalInt.of(-1);
    }

    @Override
    public void stop(Duration grace) {
        if (!onLoopback(uri())) {
            throw new ReleaseException("cannot stop " + id() + ": " + uri().getHost() + " is not this machine's loopback;"
                    + " it is out of rotation, stop it where it runs");
        }
        try {
            process.stop(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.handle().ifPresent(ProcessHandle::destroyForcibly);
        }
        stopped = true;
    }

    @Override
    public String toString() {
        return id() + " (" + version() + ", " + process + ", " + uri() + ")";
    }
}

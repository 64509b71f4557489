package dev.tuesday.release.instance;

import java.net.URI;

/**
 * The part every {@link Instance} has in common, fixed when it is made: its id, its version and
 * its address. Subclasses say how it is probed and stopped.
 */
public abstract class AbstractInstance implements Instance {
    private final String id;
    private final String version;
    private final URI uri;

    /**
     * @param id      its id, {@code <version>-<n>}
     * @param version the version it runs
     * @param uri     its base address
     */
    protected AbstractInstance(String id, String version, URI uri) {
        this.id = id;
        this.version = version;
        this.uri = uri;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String version() {
        return version;
    }

    @Override
    public final URI uri() {
        return uri;
    }
}

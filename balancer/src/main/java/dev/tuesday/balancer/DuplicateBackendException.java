package dev.tuesday.balancer;

/** A backend was added with an id that is already in use. */
public final class DuplicateBackendException extends IllegalArgumentException {
    private final String backendId;

    /** @param backendId the id already in use */
    public DuplicateBackendException(String backendId) {
        super("a backend with id '" + backendId + "' already exists");
        this.backendId = backendId;
    }

    /** The id already in use. */
    public String backendId() {
        return backendId;
    }
}

package dev.tuesday.balancer;

/** An operation named a backend the balancer does not know. */
public final class NoSuchBackendException extends IllegalArgumentException {
    private final String backendId;

    /** @param backendId the unknown id */
    public NoSuchBackendException(String backendId) {
        super("no backend with id '" + backendId + "'");
        this.backendId = backendId;
    }

    /** The unknown id. */
    public String backendId() {
        return backendId;
    }
}

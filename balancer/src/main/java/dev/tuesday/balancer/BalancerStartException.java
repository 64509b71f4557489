package dev.tuesday.balancer;

/** The balancer could not start, for example because its port is in use. */
public final class BalancerStartException extends RuntimeException {
    private final String address;

    /**
     * @param address the address it tried to listen on, {@code host:port}
     * @param cause   why it could not
     */
    public BalancerStartException(String address, Throwable cause) {
        super("cannot listen on " + address + ": " + cause.getMessage(), cause);
        this.address = address;
    }

    /** The address it tried to listen on, {@code host:port}. */
    public String address() {
        return address;
    }
}

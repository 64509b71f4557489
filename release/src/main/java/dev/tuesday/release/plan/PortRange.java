package dev.tuesday.release.plan;

/**
 * The TCP ports on 127.0.0.1 that instances of one version may listen on, {@code first..last}
 * inclusive; {@link #ANY} lets the supervisor pick free ports.
 *
 * @param first lowest port, 0 for any free port
 * @param last  highest port, 0 for any free port
 */
public record PortRange(int first, int last) {

    /** Any free port, picked by the operating system. */
    public static final PortRange ANY = new PortRange(0, 0);

    /** Checks the bounds. */
    public PortRange {
        boolean any = first == 0 && last == 0;
        if (!any && (first < 1 || last > 65535 || first > last)) {
            throw new IllegalArgumentException("port range " + first + "-" + last
                    + " must be two ports between 1 and 65535, the first not above the last");
        }
    }

    /** Whether ports are picked freely. */
    public boolean isAny() {
        return first == 0;
    }

    /** Number of ports in the range; 0 for {@link #ANY}. */
    public int size() {
        return isAny() ? 0 : last - first + 1;
    }

    @Override
    public String toString() {
        return isAny() ? "any free port" : first + "-" + last;
    }
}

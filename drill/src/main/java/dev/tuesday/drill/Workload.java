package dev.tuesday.drill;

/**
 * What a drill sends: a closed set of workloads.
 *
 * <ul>
 *   <li>{@link GetWorkload} — {@code GET} the target URL; any 2xx or 3xx is a success.</li>
 *   <li>{@link UsersWorkload} — the mixed read/write workload against a users API (Tuesday's
 *       example service), whose every write is read back and compared.</li>
 * </ul>
 */
public sealed interface Workload permits GetWorkload, UsersWorkload {

    /** The workload's name as the command line spells it: {@code get} or {@code users}. */
    String name();

    /** {@code GET} the target URL. */
    static Workload get() {
        return new GetWorkload();
    }

    /** The users workload with its defaults (path {@code /users}, pages of 10). */
    static Workload users() {
        return UsersWorkload.defaults();
    }

    /**
     * The workload the command line names.
     *
     * @throws InvalidDrillSetting when the name is neither {@code get} nor {@code users}
     */
    static Workload named(String name) {
        return switch (name == null ? "" : name.trim()) {
            case "get" -> get();
            case "users" -> users();
            default -> throw new InvalidDrillSetting("workload", "must be get or users, not '" + name + "'");
        };
    }
}

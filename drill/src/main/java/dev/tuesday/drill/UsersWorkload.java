package dev.tuesday.drill;

/**
 * The mixed workload against a users API, with every write checked.
 *
 * <p>Requests, relative to the target URL: {@code POST <path>} with
 * {@code {"name": …, "full_name": …, "email": …}} expecting 201 (or 200) and a JSON body with the
 * row's {@code id}; {@code GET <path>/{id}}; {@code PUT <path>/{id}} with the same body shape;
 * {@code GET <path>?after={id}&limit={listLimit}}. The name is sent under both {@code name} and
 * {@code full_name} and accepted back under either, because a release moves the service from one
 * field to the other while the drill runs.
 *
 * <p>About a quarter of the requests create rows, a fifth update them, nearly half read back a
 * row written earlier and compare it with what was acknowledged, the rest list a page. A row
 * that reads back missing or different is a {@link FailureKind#WRONG_DATA} failure. When the
 * load ends, a verification pass reads every acknowledged row once more and counts the lost ones.
 *
 * @param path      the collection's path under the target, default {@code /users}
 * @param listLimit the page size of list requests, default 10
 */
public record UsersWorkload(String path, int listLimit) implements Workload {

    /** Checks the fields. */
    public UsersWorkload {
        if (path == null || !path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
            throw new InvalidDrillSetting("workload path", "must start with / and not end with /, not '" + path + "'");
        }
        if (listLimit < 1 || listLimit > 1000) {
            throw new InvalidDrillSetting("workload list limit", "must be between 1 and 1000, not " + listLimit);
        }
    }

    /** Path {@code /users}, pages of 10. */
    public static UsersWorkload defaults() {
        return new UsersWorkload("/users", 10);
    }

    @Override
    public String name() {
        return "users";
    }
}

package dev.tuesday.release.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run one version of the service.
 *
 * <p>Each instance is started as a child process with {@code command}, in {@code directory}, with
 * {@code env} plus {@code PORT} (its port), {@code TUESDAY_SCHEMA} (its version schema) and, when
 * the plan names a database, {@code TUESDAY_DATABASE_URL}.
 *
 * @param version   the version's name, for example {@code v2}; labels metrics and instance ids
 * @param command   the program and its arguments, run without a shell
 * @param env       extra environment variables
 * @param instances how many instances serve this version; at least 1
 * @param ports     where the instances listen
 * @param schema    the version schema the instances use; empty for the new version means the
 *                  version schema of the release's migration
 * @param directory working directory of the processes
 */
public record VersionSpec(String version, List<String> command, Map<String, String> env, int instances,
                          PortRange ports, Optional<String> schema, Path directory) {

    /** Checks every field once. */
    public VersionSpec {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(directory, "directory");
        command = List.copyOf(command);
        env = Map.copyOf(env);
        if (!version.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("version '" + version + "' must be letters, digits, '.', '_' or '-'");
        }
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must name a program");
        }
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, not " + instances);
        }
    }
}

package dev.tuesday.release.instance;

import dev.tuesday.release.plan.VersionSpec;

/** Starts instances of a version; {@link Supervisor} runs them as child processes. */
public interface Launcher {

    /**
     * Starts one instance.
     *
     * @param id      its id, unique within the release
     * @param version how to run it
     * @param schema  its version schema, given as {@code TUESDAY_SCHEMA}; empty for none
     */
    Instance launch(String id, VersionSpec version, String schema);

    /**
     * Lets an instance this launcher started outlive the launcher's process: the release hands
     * over the instances that serve once it ends. Until then an instance dies with the process
     * that launched it; default nothing to do.
     */
    default void handOver(Instance instance) {
    }
}

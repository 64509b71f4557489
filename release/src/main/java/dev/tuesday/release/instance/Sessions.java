package dev.tuesday.release.instance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a child in a session of its own, through util-linux's {@code setsid}, so that signals sent
 * to the release's terminal or process group (Ctrl-C, a hang-up) do not reach it: the release
 * decides when an instance stops. {@code setsid} replaces itself with the child (no fork, as the
 * child of a JVM is never a group leader), so the PID a release records is the child's own.
 */
final class Sessions {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private Sessions() {
    }

    /** The words to put before a command; none where {@code setsid} is missing. */
    static List<String> prefix() {
        return Files.isExecutable(SETSID) ? List.of(SETSID.toString()) : List.of();
    }
}

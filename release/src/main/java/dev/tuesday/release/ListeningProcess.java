package dev.tuesday.release;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the process that listens on a TCP port, from Linux's {@code /proc}: the socket's inode in
 * {@code /proc/net/tcp} and {@code tcp6}, then the process holding a descriptor on it. Works for
 * processes of the same user (or any, as root); elsewhere it finds nothing.
 */
final class ListeningProcess {
    private static final String LISTEN = "0A";

    private ListeningProcess() {
    }

    static Optional<ProcessHandle> find(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            inodes.addAll(listeningInodes(Path.of(table), port));
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                if (holdsAny(process.resolve("fd"), inodes)) {
                    return ProcessHandle.of(Long.parseLong(process.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Set<String> listeningInodes(Path table, int port) {
        Set<String> inodes = new HashSet<>();
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        try {
            for (String line : Files.readAllLines(table)) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals(LISTEN)) {
                    inodes.add(f[9]);
                }
            }
        } catch (IOException e) {
            // No such table (not Linux, or no IPv6): nothing listens there.
        }
        return inodes;
    }

    private static boolean holdsAny(Path fds, Set<String> inodes) {
        try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
            for (Path link : links) {
                try {
                    String target = Files.readSymbolicLink(link).toString();
                    if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                        return true;
                    }
                } catch (IOException e) {
                    // The descriptor closed meanwhile.
                }
            }
        } catch (IOException | SecurityException e) {
            // Another user's process, or it ended: not ours to look at.
        }
        return false;
    }
}

package dev.tuesday.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;

/**
 * The operating-system user the PostgreSQL server runs as.
 *
 * <p>PostgreSQL refuses to run as root ({@code initdb: cannot be run as root}). When Tuesday itself
 * runs as root (containers, CI), the server's commands run as {@code nobody} through
 * {@code setpriv}, and its data folder is handed to that user. Otherwise they run as the caller.
 */
final class OsUser {

    private static final String NOBODY = "nobody";

    private OsUser() {
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** This process's user id: the owner of {@code /proc/self}. */
    static int uid() {
        try {
            return uidOf(Path.of("/proc/self"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tell this process's user id: " + e.getMessage(), e);
        }
    }

    static int uidOf(Path path, LinkOption... options) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid", options);
    }

    /** The permission bits of {@code path} itself (a link is not followed), with setuid/setgid/sticky. */
    static int modeOf(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    /** Prefixes {@code command} so that it runs as a user PostgreSQL accepts. */
    static List<String> wrap(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Gives {@code dir} (created if missing) to the server's user, so the server can write there. */
    static void own(Path dir) {
        try {
            Files.createDirectories(dir);
            if (isRoot()) {
                UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(dir, users.lookupPrincipalByName(NOBODY));
                checkReachable(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Gives {@code file} to the server's user when that is another user, so its commands can read it. */
    static void handOver(Path file) {
        if (!isRoot()) {
            return;
        }
        try {
            Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(NOBODY));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + file + " to " + NOBODY + ": " + e.getMessage(), e);
        }
    }

    private static void checkReachable(Path dir) throws IOException {
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            String perms = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
            if (perms.charAt(8) != 'x') {
                throw new IOException("running as root, the PostgreSQL server runs as 'nobody', which cannot reach "
                        + dir + " because " + p + " is not searchable by others (chmod o+x " + p
                        + ", or run Tuesday as an unprivileged user)");
            }
        }
    }
}

package dev.tuesday.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The folder the PostgreSQL binaries are unpacked into, which must be the user's own: nobody else
 * may plant or swap a file there, or the binaries they put would run as this user.
 *
 * <p>Where: {@code $XDG_CACHE_HOME/tuesday/pg}, else {@code ~/.cache/tuesday/pg}, mode 0700. As
 * root the server runs as {@code nobody} (see {@link OsUser}), which must read and run the
 * binaries but never write them: the folder is then {@code /var/cache/tuesday/pg}, owned by root,
 * mode 0755, on a chain of root-owned folders that only root may write and that others may enter.
 *
 * <p>Every part of the path is checked, existing or made here: owned by this user or by root,
 * not writable by group or others unless sticky (like {@code /tmp}, where no one can rename
 * another user's entries), and a symbolic link on the way must belong to this user or root too.
 * A folder that fails is refused with one line that names it and the way out.
 */
final class CacheFolder {

    private CacheFolder() {
    }

    /** The default folder for this user (not checked yet). */
    static Path defaultPath() {
        if (OsUser.isRoot()) {
            return Path.of("/var/cache/tuesday/pg");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("tuesday").resolve("pg");
    }

    /**
     * Checks every part of {@code folder}, creating the missing ones (0700, or 0755 as root);
     * returns its real path.
     *
     * @throws IllegalStateException naming the part that someone else could change
     */
    static Path prepare(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        String mode = OsUser.isRoot() ? "rwxr-xr-x" : "rwx------";
        try {
            Path current = absolute.getRoot();
            for (Path name : absolute) {
                Path next = current.resolve(name);
                if (Files.isSymbolicLink(next)) {
                    checkOwner(next, LinkOption.NOFOLLOW_LINKS);
                } else if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                    checkChain(current.toRealPath());
                    Files.createDirectory(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
                }
                current = next.toRealPath();
            }
            checkChain(current);
            if (OsUser.uidOf(current, LinkOption.NOFOLLOW_LINKS) != OsUser.uid()) {
                throw refused(current, "is not yours");
            }
            // Ours: give it exactly the mode it needs (umask may have widened nothing, but an
            // older folder may be group-readable).
            Files.setPosixFilePermissions(current, PosixFilePermissions.fromString(mode));
            return current;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the PostgreSQL binaries cache " + absolute + ": " + e.getMessage(), e);
        }
    }

    /** Checks each part of a path without symbolic links, from the root down. */
    private static void checkChain(Path real) throws IOException {
        Path current = real.getRoot();
        checkPart(current);
        for (Path name : real) {
            current = current.resolve(name);
            checkPart(current);
        }
    }

    private static void checkPart(Path dir) throws IOException {
        checkOwner(dir, LinkOption.NOFOLLOW_LINKS);
        int mode = OsUser.modeOf(dir);
        boolean sticky = (mode & 01000) != 0;
        if ((mode & 0022) != 0 && !sticky) {
            throw refused(dir, "can be written by other users (mode " + Integer.toOctalString(mode & 07777) + ")");
        }
        if (OsUser.isRoot() && (mode & 0001) == 0) {
            throw refused(dir, "cannot be entered by 'nobody', the user the server runs as when Tuesday runs as root"
                    + " (chmod o+x " + dir + ")");
        }
    }

    private static void checkOwner(Path path, LinkOption... options) throws IOException {
        int owner = OsUser.uidOf(path, options);
        if (owner != OsUser.uid() && owner != 0) {
            throw refused(path, "belongs to another user (uid " + owner + ")");
        }
    }

    private static IllegalStateException refused(Path part, String why) {
        String wayOut = OsUser.isRoot() ? "make it root's and writable by root only"
                : "fix it, or set XDG_CACHE_HOME to a folder only you can write";
        return new IllegalStateException("refusing the PostgreSQL binaries cache: " + part + " " + why + "; " + wayOut);
    }
}

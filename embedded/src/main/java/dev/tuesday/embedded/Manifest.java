package dev.tuesday.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an unpacked binaries folder must hold, written at unpack time and checked on every use: the
 * SHA-256 of the archive it came from, and each folder, link (with its target) and file (with its
 * mode and SHA-256) of the tree. A file added, removed, changed or made writable since is found.
 *
 * <p>Stored as {@value #FILE} inside the folder, one entry a line, fields separated by tabs.
 */
final class Manifest {

    static final String FILE = ".tuesday-manifest";
    private static final String ARCHIVE = "archive";

    private final String archiveSha256;
    private final TreeMap<String, String> entries = new TreeMap<>();

    Manifest(String archiveSha256) {
        this.archiveSha256 = Objects.requireNonNull(archiveSha256);
    }

    void folder(String path) {
        entries.put(path, "d");
    }

    void link(String path, String target) {
        entries.put(path, "l\t" + target);
    }

    void file(String path, int mode, String sha256) {
        entries.put(path, "f\t" + Integer.toOctalString(mode) + "\t" + sha256);
    }

    /** What {@code root} holds now. */
    static Manifest of(Path root, String archiveSha256) throws IOException {
        Manifest m = new Manifest(archiveSha256);
        try (var walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = root.relativize(p).toString();
                if (rel.isEmpty() || rel.equals(FILE)) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    m.link(rel, Files.readSymbolicLink(p).toString());
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    m.folder(rel);
                } else {
                    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                        m.file(rel, OsUser.modeOf(p), sha256(in));
                    }
                }
            }
        }
        return m;
    }

    void write(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(ARCHIVE + "\t" + archiveSha256);
        entries.forEach((path, what) -> lines.add(what + "\t" + path));
        Files.write(root.resolve(FILE), lines, StandardCharsets.UTF_8);
    }

    static Manifest read(Path root) throws IOException {
        List<String> lines = Files.readAllLines(root.resolve(FILE), StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith(ARCHIVE + "\t")) {
            throw new IOException(root.resolve(FILE) + " is not a binaries manifest");
        }
        Manifest m = new Manifest(lines.get(0).substring(ARCHIVE.length() + 1));
        for (String line : lines.subList(1, lines.size())) {
            int cut = line.lastIndexOf('\t');
            m.entries.put(line.substring(cut + 1), line.substring(0, cut));
        }
        return m;
    }

    /**
     * Checks that {@code root} holds exactly this manifest and that it comes from the archive
     * whose SHA-256 is {@code archiveSha256}.
     *
     * @throws IllegalStateException naming the first difference and the way out
     */
    void verify(Path root, String expectedArchive) throws IOException {
        String difference = null;
        if (!archiveSha256.equals(expectedArchive)) {
            difference = "it was unpacked from another archive";
        } else {
            Manifest actual = of(root, archiveSha256);
            for (String path : union(actual)) {
                if (!Objects.equals(entries.get(path), actual.entries.get(path))) {
                    difference = path + (actual.entries.get(path) == null ? " is missing"
                            : entries.get(path) == null ? " should not be there" : " was changed");
                    break;
                }
            }
        }
        if (difference != null) {
            throw new IllegalStateException("refusing the PostgreSQL binaries in " + root + ": " + difference
                    + " since they were unpacked; delete " + root + " to unpack them again");
        }
    }

    private List<String> union(Manifest other) {
        TreeMap<String, Boolean> all = new TreeMap<>();
        entries.keySet().forEach(k -> all.put(k, true));
        other.entries.keySet().forEach(k -> all.put(k, true));
        return List.copyOf(all.keySet());
    }

    /** The SHA-256 of everything {@code in} holds, in hex; reads it to its end. */
    static String sha256(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        try (DigestInputStream din = new DigestInputStream(in, digest)) {
            din.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}

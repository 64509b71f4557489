package dev.tuesday.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The passwords of the roles of one embedded server — the superuser's, made at {@code initdb},
 * and those of the roles {@link PostgresServer#createRole} made — kept in {@value #FILE} in its
 * data folder, mode 0600, so only the user that runs Tuesday can read them (the data folder
 * itself is 0700). Another JVM that finds the server running reads them from there.
 *
 * <p>Every change is written to a new 0600 file that replaces the old one in one rename, under a
 * lock on {@value #LOCK}, so two processes adding roles at once both keep theirs and a process
 * killed midway leaves the old file whole.
 */
final class Passwords {

    static final String FILE = "tuesday-passwords";
    static final String LOCK = "tuesday-passwords.lock";
    static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dataDir;

    Passwords(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** A new random password: 256 bits, URL-safe Base64 (letters, digits, {@code -} and {@code _}). */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when the data folder has a password file (a folder from before passwords has none). */
    boolean exist() {
        return Files.isRegularFile(dataDir.resolve(FILE));
    }

    /** The password of {@code role}, if this server made it. */
    Optional<String> of(String role) {
        return Optional.ofNullable(read().getProperty(role));
    }

    /** The password of {@code role}: the one kept, or a new one, kept before it is returned. */
    String ensure(String role) {
        try (FileChannel lockFile = FileChannel.open(dataDir.resolve(LOCK), Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE), OWNER_ONLY); FileLock lock = lockFile.lock()) {
            Properties all = read();
            String password = all.getProperty(role);
            if (password == null) {
                password = random();
                all.setProperty(role, password);
                write(all);
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the password of role " + role + " in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Starts the file with the superuser's password (a new data folder, no one else uses it yet). */
    void create(String superuser, String password) {
        Properties all = new Properties();
        all.setProperty(superuser, password);
        try {
            write(all);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    private Properties read() {
        Properties all = new Properties();
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                all.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return all;
    }

    private void write(Properties all) throws IOException {
        Path tmp = Files.createTempFile(dataDir, FILE, ".tmp", OWNER_ONLY);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 Writer out = java.nio.channels.Channels.newWriter(channel, StandardCharsets.UTF_8)) {
                all.store(out, "passwords of this server's roles; keep this file 0600");
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

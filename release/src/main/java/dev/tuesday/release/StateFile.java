package dev.tuesday.release;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The files a release keeps in its state folder (default {@code .tuesday} in the working
 * directory): {@code release.json}, replaced whole at each change; {@code release.abort}, whose
 * appearance asks the running release to back out; and {@code release.lock}, locked by the one
 * process that may change the others.
 *
 * <p>The state file is written to a temporary file of its own name, forced to disk and renamed
 * over the old one: a reader, or a process killed mid-write, sees the old state or the new one,
 * never a mix. The lock is an operating-system lock on {@code release.lock}: it is released when
 * its holder closes it or dies, so a dead release never blocks the next one.
 */
final class StateFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    StateFile(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path stateFile() {
        return dir.resolve("release.json");
    }

    Path abortFile() {
        return dir.resolve("release.abort");
    }

    Path lockFile() {
        return dir.resolve("release.lock");
    }

    /**
     * Takes the state folder's lock, held until the returned lock's channel is closed or this
     * process ends.
     *
     * @return empty when another process, or another release of this JVM, holds it
     */
    Optional<FileLock> tryLock() {
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return Optional.of(lock);
                }
            } catch (OverlappingFileLockException e) {
                // Held by this JVM already.
            }
            channel.close();
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile() + ": " + e.getMessage(), e);
        }
    }

    void write(ReleaseState state) {
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "release.json.", ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(JSON.writeValueAsBytes(state));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(tmp, stateFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            forceDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + stateFile() + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // The write failed already; a leftover temporary file is harmless.
                }
            }
        }
    }

    /** Makes the rename durable; a system that cannot open a folder for this keeps it in its own time. */
    private void forceDirectory() {
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException e) {
            // Not supported here (not Linux): the rename is atomic all the same.
        }
    }

    Optional<ReleaseState> read() {
        try {
            return Optional.of(JSON.readValue(Files.readString(stateFile()), ReleaseState.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stateFile() + ": " + e.getMessage(), e);
        }
    }

    boolean abortRequested() {
        return Files.exists(abortFile());
    }

    void requestAbort() {
        try {
            Files.createDirectories(dir);
            Files.writeString(abortFile(), "abort requested by pid " + ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + abortFile() + ": " + e.getMessage(), e);
        }
    }

    void clearAbort() {
        try {
            Files.deleteIfExists(abortFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + abortFile() + ": " + e.getMessage(), e);
        }
    }
}

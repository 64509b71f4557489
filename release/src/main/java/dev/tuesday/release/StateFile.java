package dev.tuesday.release;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The files a release keeps in its state folder (default {@code .tuesday} in the working
 * directory): {@code release.json}, rewritten atomically at each change, and
 * {@code release.abort}, whose appearance asks the running release to back out.
 */
final class StateFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    StateFile(Path dir) {
        this.dir = dir;
    }

    Path stateFile() {
        return dir.resolve("release.json");
    }

    Path abortFile() {
        return dir.resolve("release.abort");
    }

    void write(ReleaseState state) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("release.json.tmp");
            JSON.writeValue(tmp.toFile(), state);
            Files.move(tmp, stateFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + stateFile() + ": " + e.getMessage(), e);
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

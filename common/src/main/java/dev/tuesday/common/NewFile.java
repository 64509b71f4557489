package dev.tuesday.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a file that must not exist yet, whole or not at all: the text goes to a hidden temporary
 * file beside it, which is then linked under the final name (a link, unlike a rename, never
 * replaces a file). A process killed midway leaves at most the hidden file, which no migration
 * folder reads, never a cut migration file that the next command would fail to parse. Used for
 * every migration file Tuesday writes ({@code pull}, {@code baseline}, {@code create}, {@code convert}).
 */
public final class NewFile {
    private NewFile() {
    }

    /** @throws java.nio.file.FileAlreadyExistsException when {@code target} exists */
    public static void write(Path target, String text) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try {
            Files.createLink(target, temporary);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}

package dev.tuesday.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewFileTest {

    @TempDir
    Path dir;

    @Test
    void writesTheWholeTextAndLeavesNothingElse() throws Exception {
        Path file = dir.resolve("01_users.yaml");
        NewFile.write(file, "operations: []\n");
        assertThat(file).hasContent("operations: []");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void neverReplacesAFile() throws Exception {
        Path file = dir.resolve("01_users.yaml");
        Files.writeString(file, "kept");
        assertThatThrownBy(() -> NewFile.write(file, "new")).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(file).hasContent("kept");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
